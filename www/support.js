// What the analyzer needs from the browser beyond WebAssembly itself, checked before loading it
// so that an old browser gets a plain sentence instead of a compile error.

/**
 * The smallest module that uses WebAssembly SIMD (`i32.const 0; i8x16.splat; i8x16.popcnt`).
 * The analyzer is built with SIMD (the boilerplate trees test four blocks per instruction).
 */
export const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

/** Why this browser cannot run the analyzer, or null when it can. */
export function missingSupport(wasm = globalThis.WebAssembly) {
  if (typeof wasm?.validate !== 'function') {
    return 'this browser has no WebAssembly';
  }
  if (!wasm.validate(SIMD_PROBE)) {
    return 'this browser lacks WebAssembly SIMD (Chrome or Edge 91+, Firefox 89+ and Safari 16.4+ have it)';
  }
  return null;
}

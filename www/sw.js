// The service worker: the page works offline after the first visit. It precaches the page's
// files (relative to its own URL, so it works under a sub-path such as /REPO/) in a cache named
// after the build (pkg/build-id.js, written by scripts/build-site: a new build means a new
// cache, and the old ones are deleted on activation).
//
// Navigations: network first (a deploy is seen at once), the cached page when offline. Other
// same-origin GETs: cache first, filled from the network on a miss. Anything else is left alone.

let build = 'dev';
try {
  importScripts('pkg/build-id.js');
  build = self.GLEANER_BUILD || build;
} catch {
  // No build id (a hand-made www/pkg): still work, with a fixed cache name.
}

const PREFIX = 'gleaner-';
const CACHE = `${PREFIX}${build}`;
const FILES = [
  './',
  'index.html',
  'style.css',
  'main.js',
  'render.js',
  'engine.js',
  'export.js',
  'overview.js',
  'parts.js',
  'store.js',
  'worker.js',
  'support.js',
  'pkg/gleaner.js',
  'pkg/gleaner_bg.wasm',
  'samples/000_e77f80073e250d68.txt',
  'samples/001_2d5d7ecc40b0869e.txt',
  'samples/002_57c6f618b57d03d3.txt',
  'samples/003_e558128c81437959.txt',
  'samples/004_84f77ece8fe89074.txt',
];

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // 'reload': bypass the HTTP cache, so a new build never precaches an old file.
    await cache.addAll(FILES.map((f) => new Request(new URL(f, self.registration.scope), { cache: 'reload' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
    }
  })());
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || !request.url.startsWith(self.registration.scope)) return;
  event.respondWith(request.mode === 'navigate' ? networkFirst(request) : cacheFirst(request));
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (err) {
    const cached = await cache.match(request, { ignoreSearch: true })
      ?? await cache.match(new URL('./', self.registration.scope));
    if (cached) return cached;
    throw err;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
  return response;
}

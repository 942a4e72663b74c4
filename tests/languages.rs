//! Non-English articles go through the whole pipeline: German, Russian, Chinese and Arabic
//! versions of one news story, each with a site menu, a share prompt and a comment counter.
//! Their paragraphs are kept, the furniture goes, a copy with reordered paragraphs and a new
//! header line is found as a near-duplicate, and every entity span is a valid slice. Emoji and
//! mixed scripts are covered by the property tests.

use gleaner::{analyze, Document, DocumentReport, Options, Relation, Report};

const GERMAN: &str = r#"Startseite | Politik | Wirtschaft | Sport

Bundeskanzler Olaf Scholz ist am Dienstag zu Gesprächen mit dem russischen Präsidenten nach Moskau gereist. Es war sein erster Besuch im Kreml seit seinem Amtsantritt im Dezember.

Die beiden Politiker sprachen mehr als drei Stunden lang über die Lage an der ukrainischen Grenze, wo Russland nach westlichen Angaben weit über hunderttausend Soldaten zusammengezogen hat.

Scholz sagte nach dem Treffen, die Diplomatie sei noch lange nicht am Ende. Er forderte Moskau auf, die Truppen von der Grenze abzuziehen und die Gespräche mit der NATO fortzusetzen.

Teilen Sie diesen Artikel
Kommentare (12)
"#;

const RUSSIAN: &str = r#"Главная | Новости | Политика | Спорт

Канцлер Германии Олаф Шольц во вторник прибыл в Москву для переговоров с президентом России. Это его первый визит в Кремль после вступления в должность в декабре.

Политики беседовали более трех часов о ситуации на границе с Украиной, где, по данным западных стран, Россия сосредоточила более ста тысяч военнослужащих.

После встречи Шольц заявил, что возможности дипломатии далеко не исчерпаны. Он призвал Москву отвести войска от границы и продолжить переговоры с НАТО.

Поделиться в соцсетях
Комментарии (12)
"#;

const CHINESE: &str = r#"首页 | 新闻 | 政治 | 体育

德国总理朔尔茨周二抵达莫斯科，与俄罗斯总统举行会谈。这是他自去年十二月上任以来首次访问克里姆林宫。

两位领导人就乌克兰边境局势进行了三个多小时的会谈。据西方国家称，俄罗斯已在边境集结了超过十万名士兵。

会谈结束后，朔尔茨表示，外交努力远未结束。他呼吁莫斯科从边境撤军，并继续与北约进行谈判。

分享到微博
评论（12）
"#;

const ARABIC: &str = r#"الرئيسية | أخبار | سياسة | رياضة

وصل المستشار الألماني أولاف شولتس إلى موسكو يوم الثلاثاء لإجراء محادثات مع الرئيس الروسي. وهذه أول زيارة له إلى الكرملين منذ توليه منصبه في ديسمبر.

وتحدث الزعيمان لأكثر من ثلاث ساعات عن الوضع على الحدود الأوكرانية، حيث حشدت روسيا أكثر من مئة ألف جندي بحسب الدول الغربية.

وقال شولتس بعد الاجتماع إن الدبلوماسية لم تستنفد بعد. ودعا موسكو إلى سحب قواتها من الحدود ومواصلة المحادثات مع حلف الناتو.

شارك هذا المقال
التعليقات (12)
"#;

/// The article's three paragraphs (between the menu line and the furniture), in reverse order
/// under a new header line: a mirror that reordered the story.
fn reordered_copy(text: &str) -> String {
    let paragraphs: Vec<&str> = text.split("\n\n").map(str::trim).collect();
    let body = &paragraphs[1..4];
    format!(
        "Mirror: {}\n\n{}\n\n{}\n\n{}\n",
        body[0].chars().take(12).collect::<String>(),
        body[2],
        body[1],
        body[0]
    )
}

fn report(name: &str, text: &str) -> Report {
    let docs = [
        Document::from_text(format!("{name}.txt"), text),
        Document::from_text(format!("{name}-copy.txt"), &reordered_copy(text)),
    ];
    analyze(&docs, &Options::default())
}

fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

fn kept_text(d: &DocumentReport) -> String {
    d.blocks
        .iter()
        .filter(|b| b.kept)
        .map(|b| slice(&d.text, b.start, b.end))
        .collect::<Vec<_>>()
        .join("\n")
}

fn check(name: &str, text: &str) {
    let report = report(name, text);
    let original = &report.documents[0];
    assert!(original.error.is_none(), "{name}: {:?}", original.error);
    let paragraphs: Vec<&str> = text.split("\n\n").map(str::trim).collect();
    let kept = kept_text(original);
    for p in &paragraphs[1..4] {
        assert!(
            kept.contains(p),
            "{name}: an article paragraph was removed: {p}"
        );
    }
    for furniture in [paragraphs[0], paragraphs[4].lines().last().unwrap()] {
        assert!(
            !kept.contains(furniture),
            "{name}: furniture kept: {furniture}"
        );
    }
    let pair = report.pairs.iter().find(|p| p.a + p.b == 1);
    assert!(
        pair.is_some_and(|p| matches!(p.relation, Relation::Near | Relation::Exact)),
        "{name}: the reordered copy is not a near-duplicate: {:?}",
        report.pairs
    );
    for d in &report.documents {
        for m in &d.mentions {
            assert!(
                m.start < m.end && m.end <= d.text.chars().count(),
                "{name}: {m:?}"
            );
            assert_eq!(slice(&d.text, m.start, m.end), m.text, "{name}");
        }
    }
}

#[test]
fn german() {
    check("de", GERMAN);
}

#[test]
fn russian() {
    check("ru", RUSSIAN);
}

#[test]
fn chinese() {
    check("zh", CHINESE);
}

#[test]
fn arabic() {
    check("ar", ARABIC);
}

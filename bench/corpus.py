#!/usr/bin/env python3
"""Deterministic synthetic corpus for the speed benchmark, in baspa's layout.

    python3 bench/corpus.py OUT_DIR --pages 1000 [--charts | --distinct-charts] [--minimal] [--seed 1]

writes OUT_DIR/baspa.yaml, OUT_DIR/content/{ru,en}/_index.md plus N pages per
language (the same file names in both), OUT_DIR/data/helplines.yaml, (with
--charts) a few shared chart data files, and a copy of the repository's
themes/default. Every page is about 8 KB of report-like Markdown: front matter
(title, description, order), h2/h3 headings, paragraphs with emphasis and
links (to other pages, to their headings, and to outside sites), a bulleted
list, a right-aligned table of numbers and a footnote. With --charts every page
also has one ```chart block over one of the shared data files; with
--distinct-charts every page has one over its own small data file (page n of
both languages reads data/chart-0000n.yaml, with labels in both languages, so
every chart of the build is different: no two can share a rendering).

--minimal replaces the theme with a minimal one written here (MINIMAL_THEME:
a page template that writes <title>, an <h1> and the content; no menu,
switcher, table of contents, help box, stylesheet or script), generated into
OUT_DIR/themes/minimal; it is not one of the repository's themes.

The text comes from a fixed-seed PRNG (SplitMix64, written below), never from
the clock: the same arguments give the same bytes on every machine.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PAGE_BYTES = 8 * 1024  # target size of one page's file, front matter included
DATASETS = 12  # shared chart data files (with --charts)
LANGS = ("ru", "en")


class Rng:
    """SplitMix64: tiny, fast, and the same everywhere."""

    def __init__(self, seed: int) -> None:
        self.state = seed & 0xFFFFFFFFFFFFFFFF

    def next(self) -> int:
        self.state = (self.state + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
        return z ^ (z >> 31)

    def below(self, n: int) -> int:
        return self.next() % n

    def pick(self, seq):
        return seq[self.below(len(seq))]

    def between(self, lo: int, hi: int) -> int:
        return lo + self.below(hi - lo + 1)


WORDS = {
    "en": (
        "the report survey region district women children families violence prevention support centre "
        "centres police law reform cases offences victims services specialists data figures share growth "
        "decline year period evidence programme policy measures response shelters helpline training "
        "officers courts protection orders monitoring assessment risk households community local national "
        "public attitudes awareness campaign schools health social workers budget funding staff capacity "
        "access rural urban elderly disability recorded reported hidden latent forms economic psychological "
        "physical digital control coordination agencies referral practice pilot results outcome indicators "
        "trend comparison sample respondents interviews method limits estimate partner network quality"
    ).split(),
    "ru": (
        "доклад опрос регион район женщины дети семьи насилие профилактика поддержка центр центры полиция "
        "закон реформа дела правонарушения пострадавшие службы специалисты данные показатели доля рост "
        "снижение год период свидетельства программа политика меры реагирование приюты телефон обучение "
        "сотрудники суды защитные предписания мониторинг оценка риск домохозяйства сообщество местный "
        "национальный общественное мнение осведомлённость кампания школы здравоохранение социальные "
        "работники бюджет финансирование персонал потенциал доступ сельские городские пожилые инвалидность "
        "зарегистрированные скрытые латентные формы экономическое психологическое физическое цифровой "
        "контроль координация ведомства направление практика пилотный результаты итоги индикаторы тенденция "
        "сравнение выборка респонденты интервью метод ограничения оценка партнёры сеть качество"
    ).split(),
}

CONNECTIVES = {
    "en": "and of in for with across between after before within".split(),
    "ru": "и в по для с между после до внутри среди".split(),
}

TEXT = {
    "en": {
        "title": "Regional findings",
        "desc": "Synthetic section {n} of the benchmark report — recorded cases, services and trends in one region.",
        "h2": ["Overview", "Recorded cases", "Services and support", "Trends over time", "What the figures mean"],
        "h3": ["Method", "Limits of the data", "Comparison with the previous year"],
        "see": "see",
        "table_head": ["Indicator", "2023", "2024", "Change, %"],
        "rows": ["Recorded cases", "Protection orders", "Calls to helplines", "Shelter places", "Trained officers", "Support centres"],
        "note": "Figures for the benchmark are generated and carry no meaning.",
        "landing_title": "Benchmark report",
        "landing_desc": "A synthetic report used to measure how fast baspa builds a site.",
        "chart_caption": "A generated figure for the benchmark.",
        "ext": "the statistics office",
    },
    "ru": {
        "title": "Региональные итоги",
        "desc": "Синтетический раздел {n} тестового доклада — зарегистрированные дела, службы и тенденции в одном регионе.",
        "h2": ["Обзор", "Зарегистрированные дела", "Службы и поддержка", "Изменения во времени", "Что означают цифры"],
        "h3": ["Метод", "Ограничения данных", "Сравнение с прошлым годом"],
        "see": "см.",
        "table_head": ["Показатель", "2023", "2024", "Изменение, %"],
        "rows": ["Зарегистрированные дела", "Защитные предписания", "Звонки на линии помощи", "Места в приютах", "Обученные сотрудники", "Центры поддержки"],
        "note": "Цифры для теста сгенерированы и ничего не означают.",
        "landing_title": "Тестовый доклад",
        "landing_desc": "Синтетический доклад для измерения скорости сборки сайта baspa.",
        "chart_caption": "Сгенерированный рисунок для теста.",
        "ext": "бюро статистики",
    },
}

MENU_LOOP = "{% for item in menu %}"
CHART_KINDS = ["bar", "hbar", "line", "grouped", "stacked", "bar"]


def page_name(i: int) -> str:
    return f"{i:05d}-section-{i:05d}"


def sentence(rng: Rng, lang: str, words: int) -> str:
    ws = [rng.pick(WORDS[lang]) if rng.below(5) else rng.pick(CONNECTIVES[lang]) for _ in range(words)]
    return ws[0].capitalize() + " " + " ".join(ws[1:]) + "."


def paragraph(rng: Rng, lang: str, n: int, pages: int, budget: int) -> str:
    """A paragraph of about `budget` bytes with emphasis and links."""
    parts: list[str] = []
    size = 0
    while size < budget:
        s = sentence(rng, lang, rng.between(8, 18))
        r = rng.below(10)
        if r == 0:
            w = s.split(" ")
            k = rng.below(len(w) - 1)
            w[k] = f"**{w[k]}**"
            s = " ".join(w)
        elif r == 1:
            w = s.split(" ")
            k = rng.below(len(w) - 1)
            w[k] = f"*{w[k]}*"
            s = " ".join(w)
        elif r == 2:
            other = page_name(rng.between(1, pages))
            s = s[:-1] + f" ({TEXT[lang]['see']} [{rng.pick(WORDS[lang])}]({other}.md))."
        elif r == 3:
            other = page_name(rng.between(1, pages))
            s = s[:-1] + f" ({TEXT[lang]['see']} [{rng.pick(WORDS[lang])}]({other}.md#s{rng.between(1, 3)}))."
        elif r == 4 and rng.below(3) == 0:
            s = s[:-1] + f" ([{TEXT[lang]['ext']}](https://stat.example.org/{lang}/{rng.below(1000)}))."
        parts.append(s)
        size += len(s.encode()) + 1
    return " ".join(parts)


def page(n: int, pages: int, lang: str, charts: bool | str, seed: int) -> str:
    # One stream per (page, language): pages differ, and generation order never matters.
    rng = Rng(seed * 1_000_003 + n * 2 + (lang == "en"))
    t = TEXT[lang]
    out = [
        "---",
        f"title: {t['title']} {n}",
        f"description: {t['desc'].format(n=n)}",
        f"order: {n}",
        "---",
        "",
    ]
    out.append(paragraph(rng, lang, n, pages, 500))
    out.append("")
    # Sections: s1..s3 carry explicit ids (other pages link to them), the rest get ids from their text.
    for h in range(5):
        heading = t["h2"][h]
        out.append(f"## {heading} {{#s{h + 1}}}" if h < 3 else f"## {heading}")
        out.append("")
        out.append(paragraph(rng, lang, n, pages, 700))
        out.append("")
        if h == 1:
            for _ in range(5):
                out.append("- " + sentence(rng, lang, rng.between(5, 10)))
            out.append("")
            head = t["table_head"]
            out.append("| " + " | ".join(head) + " |")
            out.append("|---|---:|---:|---:|")
            for row in t["rows"]:
                a, b = rng.between(50, 5000), rng.between(50, 5000)
                out.append(f"| {row} | {a} | {b} | {(b - a) * 100 / a:.1f} |")
            out.append("")
            out.append(paragraph(rng, lang, n, pages, 300) + "[^1]")
            out.append("")
        if h == 2 and charts:
            ds = (n - 1) % DATASETS
            data = f"chart-{n:05d}" if charts == "distinct" else f"series-{ds:02d}"
            kind = CHART_KINDS[(n - 1 if charts == "distinct" else ds) % len(CHART_KINDS)]
            out += [
                "```chart",
                f"id: f{n:05d}",
                f"data: {data}",
                f"kind: {kind}",
                f"caption: {t['chart_caption']}",
                "```",
                "",
            ]
        if h in (0, 3):
            out.append(f"### {t['h3'][h % 3]}")
            out.append("")
            out.append(paragraph(rng, lang, n, pages, 500))
            out.append("")
    out.append(f"[^1]: {t['note']}")
    out.append("")
    text = "\n".join(out)
    # Pad the last section up to about PAGE_BYTES (Cyrillic takes two bytes a letter in UTF-8).
    missing = PAGE_BYTES - len(text.encode())
    if missing > 100:
        filler = paragraph(rng, lang, n, pages, missing - 2)
        marker = "\n[^1]:"
        k = text.rindex(marker)
        text = text[:k] + "\n" + filler + "\n" + text[k:]
    return text


def landing(lang: str, pages: int) -> str:
    t = TEXT[lang]
    links = "\n".join(f"- [{t['title']} {i}]({page_name(i)}.md)" for i in range(1, min(pages, 10) + 1))
    return f"---\ntitle: {t['landing_title']}\ndescription: {t['landing_desc']}\n---\n\n{t['landing_desc']}\n\n{links}\n"


def dataset(k: int) -> str:
    """Shared data file k (--charts), or page k+1's own one (--distinct-charts): its
    values come from its own seed, so no two data files are the same."""
    rng = Rng(0xDA7A + k)
    kind = CHART_KINDS[k % len(CHART_KINDS)]
    nseries = 2 if kind in ("grouped", "stacked") else 1
    ncat = 6 if kind in ("line", "hbar") else 4
    lines = [
        f"title: {{ru: Тестовый ряд {k}, en: Test series {k}}}",
        "unit: number",
        "unit_label: {ru: число, en: number}",
        "source: {ru: Сгенерировано для теста, en: Generated for the benchmark}",
        "categories:",
    ]
    for c in range(ncat):
        lines.append(f"  - id: c{c}")
        lines.append(f"    label: {{ru: Регион {c + 1}, en: Region {c + 1}}}")
    lines.append("series:")
    for s in range(nseries):
        values = ", ".join(str(rng.between(10, 5000)) for _ in range(ncat))
        lines.append(f"  - id: s{s}")
        lines.append(f"    label: {{ru: {2023 + s} год, en: Year {2023 + s}}}")
        lines.append(f"    values: [{values}]")
    return "\n".join(lines) + "\n"


CONFIG = """\
# Synthetic benchmark report (bench/corpus.py). Not a real report.
base_url: https://example.org/bench/
default_language: ru
theme: default
languages:
  - code: ru
    name: Русский
    locale: ru
    title: Тестовый доклад
    subtitle: Синтетические данные
    description: Синтетический доклад для измерения скорости сборки.
    publisher: baspa
  - code: en
    name: English
    locale: en-GB
    title: Benchmark report
    subtitle: Synthetic data
    description: A synthetic report for measuring build speed.
    publisher: baspa
report:
  year: 2025
  published: 2025-11-25
  updated: 2025-11-26
  license: CC BY 4.0
  license_url: https://creativecommons.org/licenses/by/4.0/
safety:
  exit_url: https://www.google.com/search?q=weather
# Hugo makes no PDF: the comparison is of sites. The PDFs of the shipped report
# are measured on their own (README.md, "PDF: engine and measurements").
pdf:
  enabled: false
"""

HELPLINES = """\
lines:
  - number: "111"
    name: {ru: Единый контакт-центр, en: Unified contact centre}
    details: {ru: Круглосуточно и бесплатно, en: 24/7 and free}
  - number: "102"
    name: {ru: Полиция, en: Police}
  - number: "112"
    name: {ru: Единый номер экстренных служб, en: Single emergency number}
"""


# The minimal theme (--minimal): what a theme must have for baspa to build a
# multilingual site (page.html for every page, root.html for the language
# choice at the site's root, 404.html, and the default theme's i18n/ UI
# strings, which baspa requires), each as small as it can be. The Hugo
# side (bench/hugo_site.py, minimal=True) writes the same shapes.
MINIMAL_THEME = {
    "page.html": """\
<!DOCTYPE html>
<html lang="{{ lang.code }}">
<head>
<meta charset="utf-8">
<title>{% if page.kind == "landing" %}{{ lang.title }}{% else %}{{ page.title }} — {{ lang.title }}{% endif %}</title>
</head>
<body>
<main id="main">
<h1>{{ page.title }}</h1>
{{ page.content | safe }}
</main>
</body>
</html>
""",
    "root.html": """\
<!DOCTYPE html>
<html lang="{{ lang.code }}">
<head>
<meta charset="utf-8">
<title>{% for l in languages %}{{ l.title }}{% if not loop.last %} · {% endif %}{% endfor %}</title>
</head>
<body>
<main id="main">
<h1>{{ lang.title }}</h1>
<ul>{% for l in languages %}<li><a href="{{ l.url }}" hreflang="{{ l.code }}">{{ l.name }}</a></li>{% endfor %}</ul>
</main>
</body>
</html>
""",
    "404.html": """\
<!DOCTYPE html>
<html lang="{{ lang.code }}">
<head>
<meta charset="utf-8">
<title>404 — {{ lang.title }}</title>
</head>
<body>
<main id="main">
<h1>404</h1>
<p><a href="{{ lang.url }}">{{ lang.title }}</a></p>
</main>
</body>
</html>
""",
}


def generate(out: Path, pages: int, charts: bool | str, seed: int = 1, menu: int = 0, minimal: bool = False) -> None:
    """charts: False, True (one chart a page over DATASETS shared data files) or
    "distinct" (one chart a page over its own data file)."""
    if out.exists():
        shutil.rmtree(out)
    (out / "data").mkdir(parents=True)
    # The minimal theme has no search page, as the minimal Hugo site has no search.
    minimal_config = CONFIG.replace("theme: default", "theme: minimal") + "search: false\n"
    (out / "baspa.yaml").write_text(minimal_config if minimal else CONFIG)
    (out / "data" / "helplines.yaml").write_text(HELPLINES)
    if charts == "distinct":
        for n in range(1, pages + 1):
            (out / "data" / f"chart-{n:05d}.yaml").write_text(dataset(n - 1))
    elif charts:
        for k in range(DATASETS):
            (out / "data" / f"series-{k:02d}.yaml").write_text(dataset(k))
    if minimal:
        assert not menu, "the minimal theme has no menu"
        tpl = out / "themes" / "minimal" / "templates"
        tpl.mkdir(parents=True)
        for name, text in MINIMAL_THEME.items():
            (tpl / name).write_text(text)
        # baspa requires the UI strings of every language even if the templates use none.
        shutil.copytree(REPO / "themes" / "default" / "i18n", out / "themes" / "minimal" / "i18n")
    else:
        shutil.copytree(REPO / "themes" / "default", out / "themes" / "default")
    if menu:
        # A short menu: the theme's loop over every page becomes its first `menu` entries.
        tpl = out / "themes" / "default" / "templates" / "page.html"
        text = tpl.read_text()
        assert MENU_LOOP in text, f"{tpl}: menu loop not found"
        tpl.write_text(text.replace(MENU_LOOP, MENU_LOOP.replace("menu", f"menu[:{menu}]")))
    for lang in LANGS:
        d = out / "content" / lang
        d.mkdir(parents=True)
        (d / "_index.md").write_text(landing(lang, pages))
        for n in range(1, pages + 1):
            (d / f"{page_name(n)}.md").write_text(page(n, pages, lang, charts, seed))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--pages", type=int, default=100, help="pages per language (besides _index.md)")
    ap.add_argument("--charts", action="store_true", help="one chart per page, over 12 shared data files")
    ap.add_argument("--distinct-charts", action="store_true", help="one chart per page, each over its own data file")
    ap.add_argument("--minimal", action="store_true", help="a minimal theme (title, h1, content) instead of themes/default")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--menu", type=int, default=0, help="show only the first N menu entries (0: the theme as is, every page)")
    a = ap.parse_args()
    generate(a.out, a.pages, "distinct" if a.distinct_charts else a.charts, a.seed, a.menu, a.minimal)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""An equivalent Hugo site for a corpus made by bench/corpus.py.

    python3 bench/hugo_site.py CORPUS_DIR HUGO_DIR [--menu 12 | --minimal]

The Markdown bodies are copied byte for byte; only the front matter changes
(`order:` becomes Hugo's `weight:`, and `slug:` is set to baspa's slug, so both
tools write the same URLs). The data files are copied to Hugo's data/ (Hugo
loads them all, as baspa does), the theme's stylesheet and script become
fingerprinted Hugo assets with Subresource Integrity, and minimal templates
(baseof/single/list, a menu of every page, a table of contents, a language
switcher, previous/next, the help box from data/helplines.yaml, heading
anchors, and a link hook that resolves `page.md#anchor` links the way baspa
does) produce a page of roughly the same shape as baspa's default theme.

With --minimal (for a corpus made with corpus.py --minimal) the templates are
instead as small as baspa's minimal theme: a page template that writes
<title>, an <h1> and the content (no baseof, menu, switcher, table of
contents, help box, pager, stylesheet or script), a 404 page of the same
shape, and the same two render hooks, since baspa rewrites links and adds
heading anchors inside the content whatever the theme.

Hugo has no equivalent of baspa's ```chart blocks: they stay plain code
blocks (syntax highlighting is off).
"""

from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path

CONFIG = """\
baseURL = "https://example.org/bench/"
defaultContentLanguage = "ru"
defaultContentLanguageInSubdir = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
enableRobotsTXT = false
disableHugoGeneratorInject = true
timeout = "600s"

[markup.goldmark.renderer]
unsafe = false
[markup.highlight]
codeFences = false
[markup.tableOfContents]
startLevel = 2
endLevel = 3
ordered = true

[params]
exitUrl = "https://www.google.com/search?q=weather"
license = "CC BY 4.0"
licenseUrl = "https://creativecommons.org/licenses/by/4.0/"
year = 2025
updated = "2025-11-26"

[languages.ru]
contentDir = "content/ru"
weight = 1
languageName = "Русский"
title = "Тестовый доклад"
[languages.ru.params]
subtitle = "Синтетические данные"
publisher = "baspa"

[languages.en]
contentDir = "content/en"
weight = 2
languageName = "English"
title = "Benchmark report"
[languages.en.params]
subtitle = "Synthetic data"
publisher = "baspa"
"""

I18N = {
    "en": {
        "skip": "Skip to content",
        "safety": "In danger? Call 102 or 112. Leave this site at once:",
        "exit": "Quick exit",
        "languages": "Language",
        "menu": "Report contents",
        "updated": "Updated",
        "contents": "Contents",
        "pager": "Previous and next sections",
        "previous": "Previous",
        "next": "Next",
        "help": "Need help now?",
        "cite": "How to cite",
        "license": "Licence:",
        "anchor": "Link to this section",
        "reading": {"one": "{{ .Count }} min read", "other": "{{ .Count }} min read"},
    },
    "ru": {
        "skip": "Перейти к содержанию",
        "safety": "В опасности? Звоните 102 или 112. Быстро покинуть сайт:",
        "exit": "Быстрый выход",
        "languages": "Язык",
        "menu": "Содержание доклада",
        "updated": "Обновлено",
        "contents": "Содержание",
        "pager": "Предыдущий и следующий разделы",
        "previous": "Назад",
        "next": "Далее",
        "help": "Нужна помощь?",
        "cite": "Как цитировать",
        "license": "Лицензия:",
        "anchor": "Ссылка на этот раздел",
        "reading": {"one": "{{ .Count }} минута чтения", "few": "{{ .Count }} минуты чтения", "many": "{{ .Count }} минут чтения", "other": "{{ .Count }} минуты чтения"},
    },
}

BASEOF = """\
<!DOCTYPE html>
<html lang="{{ .Lang }}" class="no-js">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{{ .Title }} — {{ site.Title }}</title>
<meta name="description" content="{{ .Description }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Lang }}" href="{{ .Permalink }}">
{{ end }}<meta property="og:type" content="article">
<meta property="og:title" content="{{ .Title }}">
<meta property="og:description" content="{{ .Description }}">
<meta property="og:url" content="{{ .Permalink }}">
<meta property="og:site_name" content="{{ site.Title }}">
{{ $css := resources.Get "style.css" | minify | fingerprint "sha384" }}<link rel="stylesheet" href="{{ $css.RelPermalink }}" integrity="{{ $css.Data.Integrity }}">
{{ $js := resources.Get "baspa.js" | minify | fingerprint "sha384" }}<script src="{{ $js.RelPermalink }}" integrity="{{ $js.Data.Integrity }}" defer></script>
</head>
<body>
<a class="skip-link" href="#main">{{ i18n "skip" }}</a>
<div class="safety-bar">
<p class="safety-text">{{ i18n "safety" }}</p>
<a class="quick-exit" id="quick-exit" href="{{ site.Params.exitUrl }}" data-exit-url="{{ site.Params.exitUrl }}" rel="noreferrer">{{ i18n "exit" }} <kbd>Esc</kbd></a>
</div>
<header class="site-header">
<a class="site-title" href="{{ site.Home.RelPermalink }}"><span class="site-name">{{ site.Title }}</span> <span class="site-subtitle">{{ site.Params.subtitle }}</span></a>
<nav class="lang-switch" aria-label="{{ i18n "languages" }}"><ul>
{{ $cur := .Lang }}{{ range .AllTranslations }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Lang }}" lang="{{ .Lang }}"{{ if eq .Lang $cur }} aria-current="true"{{ end }}>{{ .Language.LanguageName }}</a></li>{{ end }}
</ul></nav>
</header>
<div class="layout">
{{ partial "menu.html" . }}
<main id="main" class="content" tabindex="-1">
{{ block "main" . }}{{ end }}
</main>
<aside class="help-box" aria-labelledby="help-title">
<h2 id="help-title">{{ i18n "help" }}</h2>
<ul class="helplines">{{ $lang := .Lang }}{{ range site.Data.helplines.lines }}<li class="helpline"><a class="helpline-number" href="tel:{{ .number }}">{{ .number }}</a> <span class="helpline-name">{{ index .name $lang }}</span></li>{{ end }}</ul>
</aside>
</div>
<footer class="site-footer">
<div class="cite"><h2>{{ i18n "cite" }}</h2><p class="citation">{{ site.Params.publisher }}. {{ site.Title }}. {{ site.Params.subtitle }}. {{ site.Home.Permalink }}</p></div>
<p class="license">{{ i18n "license" }} <a href="{{ site.Params.licenseUrl }}" rel="license noopener noreferrer">{{ site.Params.license }}</a></p>
<p class="publisher">© {{ site.Params.year }} {{ site.Params.publisher }}</p>
</footer>
</body>
</html>
"""

MENU = """\
<nav class="site-menu" aria-labelledby="menu-title">
<h2 class="visually-hidden" id="menu-title">{{ i18n "menu" }}</h2>
{{ $cur := .RelPermalink }}<ol><li><a href="{{ site.Home.RelPermalink }}"{{ if eq site.Home.RelPermalink $cur }} aria-current="page"{{ end }}>{{ site.Home.Title }}</a></li>{{ range MENU_PAGES }}<li><a href="{{ .RelPermalink }}"{{ if eq .RelPermalink $cur }} aria-current="page"{{ end }}>{{ .Title }}</a></li>{{ end }}</ol>
</nav>
"""

ARTICLE = """\
{{ define "main" }}
<article class="page">
<header class="page-header">
<h1>{{ .Title }}</h1>
<p class="page-meta">{{ i18n "updated" }} <time datetime="{{ site.Params.updated }}">{{ site.Params.updated }}</time> · <span class="reading-time">{{ i18n "reading" .ReadingTime }}</span></p>
</header>
{{ if .Fragments.Headings }}<nav class="toc" aria-labelledby="toc-title">
<h2 id="toc-title">{{ i18n "contents" }}</h2>
{{ .TableOfContents }}
</nav>{{ end }}
<div class="prose">
{{ .Content }}
</div>
{{ PAGER }}
</article>
{{ end }}
"""

PAGER = """<nav class="pager" aria-label="{{ i18n "pager" }}">
{{ with .NextInSection }}<a class="pager-prev" rel="prev" href="{{ .RelPermalink }}"><span class="pager-label">{{ i18n "previous" }}</span> <span class="pager-title">{{ .Title }}</span></a>{{ end }}
{{ with .PrevInSection }}<a class="pager-next" rel="next" href="{{ .RelPermalink }}"><span class="pager-label">{{ i18n "next" }}</span> <span class="pager-title">{{ .Title }}</span></a>{{ end }}
</nav>"""

RENDER_LINK = """\
{{- $u := urls.Parse .Destination -}}
{{- if $u.IsAbs -}}
<a href="{{ .Destination | safeURL }}" rel="noopener noreferrer">{{ .Text | safeHTML }}</a>
{{- else if strings.HasSuffix $u.Path ".md" -}}
{{- $p := .Page.GetPage (strings.TrimSuffix ".md" $u.Path) -}}
{{- if not $p }}{{ errorf "%s: link to missing page %s" .Page.File.Path .Destination }}{{ end -}}
<a href="{{ $p.RelPermalink }}{{ with $u.Fragment }}#{{ . }}{{ end }}">{{ .Text | safeHTML }}</a>
{{- else -}}
<a href="{{ .Destination | safeURL }}">{{ .Text | safeHTML }}</a>
{{- end -}}
"""

RENDER_HEADING = """\
<h{{ .Level }} id="{{ .Anchor | safeURL }}">{{ .Text | safeHTML }}<a class="heading-anchor" href="#{{ .Anchor | safeURL }}" aria-label="{{ i18n "anchor" }}">#</a></h{{ .Level }}>
"""

NOT_FOUND = """\
<!DOCTYPE html><html lang="{{ .Lang }}"><head><meta charset="utf-8"><title>404 — {{ site.Title }}</title></head>
<body><main><h1>404</h1><p><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></p></main></body></html>
"""

# --minimal: the same shapes as MINIMAL_THEME in corpus.py.
MINIMAL_PAGE = """\
<!DOCTYPE html>
<html lang="{{ .Lang }}">
<head>
<meta charset="utf-8">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} — {{ site.Title }}{{ end }}</title>
</head>
<body>
<main id="main">
<h1>{{ .Title }}</h1>
{{ .Content }}
</main>
</body>
</html>
"""

MINIMAL_404 = """\
<!DOCTYPE html>
<html lang="{{ .Lang }}">
<head>
<meta charset="utf-8">
<title>404 — {{ site.Title }}</title>
</head>
<body>
<main id="main">
<h1>404</h1>
<p><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></p>
</main>
</body>
</html>
"""

FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def default_slug(key: str) -> str:
    trimmed = key.lstrip("0123456789")
    return trimmed.lstrip("-_") if len(trimmed) < len(key) else key


def yaml_i18n(strings: dict) -> str:
    out = []
    for k, v in strings.items():
        if isinstance(v, dict):
            out.append(f"{k}:")
            out += [f'  {form}: "{text}"' for form, text in v.items()]
        else:
            out.append(f'{k}: "{v}"')
    return "\n".join(out) + "\n"


def convert(corpus: Path, out: Path, menu: int = 0, minimal: bool = False) -> None:
    if out.exists():
        shutil.rmtree(out)
    layouts = out / "layouts" / "_default"
    (layouts / "_markup").mkdir(parents=True)
    (out / "config.toml").write_text(CONFIG)
    (layouts / "_markup" / "render-link.html").write_text(RENDER_LINK)
    (layouts / "_markup" / "render-heading.html").write_text(RENDER_HEADING)
    (out / "i18n").mkdir()
    for lang, strings in I18N.items():
        (out / "i18n" / f"{lang}.yaml").write_text(yaml_i18n(strings))
    if minimal:
        assert not menu, "the minimal site has no menu"
        (layouts / "single.html").write_text(MINIMAL_PAGE)
        (layouts / "list.html").write_text(MINIMAL_PAGE)
        (out / "layouts" / "404.html").write_text(MINIMAL_404)
    else:
        (out / "layouts" / "partials").mkdir(parents=True)
        (layouts / "baseof.html").write_text(BASEOF)
        article = ARTICLE.replace("{{ PAGER }}", PAGER)
        (layouts / "single.html").write_text(article)
        (layouts / "list.html").write_text(article)
        (out / "layouts" / "404.html").write_text(NOT_FOUND)
        # The landing page is the menu's first entry, as in baspa's.
        pages = f"first {menu - 1} site.RegularPages.ByWeight" if menu else "site.RegularPages.ByWeight"
        (out / "layouts" / "partials" / "menu.html").write_text(MENU.replace("MENU_PAGES", pages))
        (out / "assets").mkdir()
        static = corpus / "themes" / "default" / "static"
        for name in ("style.css", "baspa.js"):
            shutil.copy(static / name, out / "assets" / name)
        (out / "static").mkdir()
        shutil.copy(static / "favicon.svg", out / "static" / "favicon.svg")
    shutil.copytree(corpus / "data", out / "data")
    for lang_dir in sorted((corpus / "content").iterdir()):
        dest = out / "content" / lang_dir.name
        dest.mkdir(parents=True)
        for md in sorted(lang_dir.glob("*.md")):
            text = md.read_text()
            m = FRONT.match(text)
            assert m, f"{md}: no front matter"
            fm = m.group(1).replace("\norder:", "\nweight:")
            if md.stem != "_index":
                fm += f"\nslug: {default_slug(md.stem)}"
            (dest / md.name).write_text(f"---\n{fm}\n---\n" + text[m.end():])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--menu", type=int, default=0, help="show only the first N menu entries (0: every page)")
    ap.add_argument("--minimal", action="store_true", help="minimal templates (title, h1, content), for corpus.py --minimal")
    a = ap.parse_args()
    convert(a.corpus, a.out, a.menu, a.minimal)


if __name__ == "__main__":
    main()

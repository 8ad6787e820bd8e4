"""What "inert" means for an exported page, as one checker used by several tests."""

from __future__ import annotations

import html.parser
from dataclasses import dataclass, field

from lxml import etree

#: Elements that run code, load something, or submit something.
ACTIVE = {
    "script",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "link",
    "img",
    "image",
    "picture",
    "source",
    "audio",
    "video",
    "track",
    "form",
    "input",
    "button",
    "base",
    "svg",
    "math",
    "portal",
    "template",
}
#: Attributes that load a resource.
LOADING = {
    "src",
    "srcset",
    "background",
    "poster",
    "data",
    "action",
    "formaction",
    "xlink:href",
    "ping",
}


@dataclass
class Found:
    text: str = ""
    hrefs: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


class _Checker(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = Found()
        self._text: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        problems = self.found.problems
        if tag in ACTIVE:
            problems.append(f"<{tag}> element")
        if tag == "meta" and any(k == "http-equiv" for k, _ in attrs):
            problems.append("<meta http-equiv>")
        self._in_style = tag == "style"
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                problems.append(f"{name}= handler")
            if name in LOADING:
                problems.append(f"{name}={value!r}")
            if "url(" in value.replace(" ", "").lower() or "expression(" in value.lower():
                problems.append(f"url()/expression() in {name}")
            if name == "href":
                self.found.hrefs.append(value)
                if not value.lower().startswith(("http://", "https://", "#")):
                    problems.append(f"href={value!r}")

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            low = data.lower()
            if "url(" in low.replace(" ", "") or "@import" in low:
                self.found.problems.append("remote resource in <style>")
            return
        self._text.append(data)


def assert_inert_html(page: str) -> Found:
    """Assert ``page`` is well-formed, runs nothing and loads nothing; returns its text
    (entities decoded) and links."""
    etree.fromstring(page.encode("utf-8"))  # strict: every tag closed, entities valid
    checker = _Checker()
    checker.feed(page)
    checker.close()
    found = checker.found
    found.text = " ".join("".join(checker._text).split())
    assert found.problems == [], found.problems
    return found

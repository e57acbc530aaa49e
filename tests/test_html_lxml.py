"""The lxml-target HTML dump (annotator.cleaning.html_lxml) gives exactly BeautifulSoup's dump
(annotator.cleaning.html): on the real pages, the seeds, every HTML page of the tests, hostile
shapes and random markup."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.bench.long_pages import nested_divs, unclosed_divs, unclosed_fonts
from annotator.cleaning.decode import decode_page
from annotator.cleaning.html import dump_html as with_soup
from annotator.cleaning.html_lxml import dump_html as with_lxml
from annotator.resources import seeds_dir

REAL = Path("/work/shared/real-pages/gne")
TESTS = Path(__file__).parent


def page_files() -> list[Path]:
    real = sorted(REAL.glob("*.html")) if REAL.is_dir() else []
    ours = sorted(seeds_dir().glob("*.htm*")) + sorted(TESTS.rglob("*.htm*"))
    return real + ours


@pytest.mark.parametrize("path", page_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_same_dump_as_beautifulsoup_on_every_page_we_have(path: Path) -> None:
    markup = decode_page(path.read_bytes(), look_for_meta=True).text
    assert with_lxml(markup) == with_soup(markup)


def test_the_real_pages_are_there_when_their_folder_is() -> None:
    if REAL.is_dir():  # the comparison above must not pass by finding nothing
        assert len([p for p in page_files() if p.is_relative_to(REAL)]) >= 40


CASES = {
    "pre keeps white space": "<pre>  a\n\n  b  </pre><p>  \n  </p><p>x   \t y</p>",
    "textarea": "<div>a<textarea>  \n </textarea>b</div>",
    "ruby": "<h1>北<ruby>京<rt>jīng</rt><rp>(</rp></ruby>市</h1><p>上<rt>shàng</rt>海</p>",
    "comment splits a string": "<p><a href=#>a <!-- x --> b</a> c</p>",
    "br": "<div>one<br>two<br/><span>three</span><br></div><br><p>four</p>",
    "stray end tags": "</p><div>a</span>b</div></div></p>c<p>d<p>e</li>",
    "text outside html": "before<html><body><p>in</p></body></html>after",
    "h1 and title": "<title> T  <b>i</b> </title><h1>one<script>x()</script><b> two</b></h1><h1>2</h1>",
    "no title text": "<title> </title><h1></h1><p>x</p>",
    "meta and time": (
        '<meta name="Description" content=" d "><meta property="og:title" content="o">'
        '<time datetime="2024-01-02">x</time><meta property="time:datetime" content="m">'
        '<meta itemprop="x" content="  ">'
    ),
    "processing instruction and doctype": "<!DOCTYPE html><?php echo 1 ?><p>a<?x y?>b</p>",
    "cdata": "<p>a<![CDATA[ b ]]>c</p>",
    "template and noscript": "<template><p>t</p></template><noscript>n</noscript><p>v</p>",
    "svg title": "<svg><title>svg title</title><text>t</text></svg><title>page</title>",
    "lists and tables": "<ul><li>a<ul><li>b</li></ul></li></ul><table><tr><td>c<th>d</table>",
    "links": "<p><a href=/>首页</a> | <a>要闻</a> 正文<a>  </a></p>",
    "entities and nbsp": "<p>&nbsp;a&amp;b&#x4e2d;&lt;&nbsp;</p><p>\u00a0</p><p> \u3000 </p>",
    "vertical tab": "<p>a\x0bb</p><p>\x0b</p>",
    "bom": "\ufeff<p>x</p>",
    "deep landmarks": "<footer>" + "<div>" * 30 + "<nav><p>deep</p>" + "</div>" * 30,
    "carriage returns": "<p>a\r\nb\rc</p><pre>\r\n</pre>",
    "empty": "",
    "only text": "just text, no tags",
}


@pytest.mark.parametrize("markup", CASES.values(), ids=CASES.keys())
def test_the_same_dump_on_awkward_markup(markup: str) -> None:
    assert with_lxml(markup) == with_soup(markup)


@pytest.mark.parametrize(
    "data",
    [nested_divs(3000), unclosed_divs(3000), unclosed_fonts(200_000)],
    ids=["nested", "unclosed divs", "unclosed fonts"],
)
def test_the_same_dump_on_hostile_shapes(data: bytes) -> None:
    markup = data.decode("utf-8")
    assert with_lxml(markup) == with_soup(markup)


TAGS = ["p", "div", "a", "br", "pre", "rt", "h1", "title", "script", "li", "ul", "span", "td"]
pieces = st.one_of(
    st.sampled_from(TAGS).map(lambda t: f"<{t}>"),
    st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
    st.sampled_from(
        ["<!-- c -->", "<?pi x?>", "<br/>", "&amp;", "&nbsp;", "<meta name=k content=v>"]
    ),
    st.text(alphabet=" \n\t\r\x0b\u00a0\u3000中文ab", max_size=6),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(pieces, max_size=40).map("".join))
def test_the_same_dump_on_random_markup(markup: str) -> None:
    assert with_lxml(markup) == with_soup(markup)

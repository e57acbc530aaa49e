"""What annotators accepted or added, turned into suggestions for every other article."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from annotator.model import AnnotationSet, Article, is_region_label, region_kind
from annotator.suggest.lines import article_lines


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """`officials`: name -> titles (in order); `boilerplate`: line text -> region kind."""

    officials: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    boilerplate: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def from_annotations(cls, pairs: Iterable[tuple[Article, AnnotationSet]]) -> Gazetteer:
        """Build from human annotation sets with their articles (the `auto` set is skipped by
        the caller: suggestions must not teach themselves)."""
        officials: dict[str, tuple[str, ...]] = {}
        boilerplate: dict[str, str] = {}
        for article, aset in pairs:
            for official in aset.officials:
                if len(official.name) >= 2:
                    known = officials.get(official.name, ())
                    officials[official.name] = known or tuple(official.titles)
            for span in aset.spans:
                if span.label == "OFFICIAL" and len(span.text.strip()) >= 2:
                    officials.setdefault(span.text.strip(), ())
            regions = [s for s in aset.spans if is_region_label(s.label)]
            for line in article_lines(article):
                for span in regions:
                    covered = min(line.end, span.end) - max(line.start, span.start)
                    if covered * 2 > line.length:
                        boilerplate[line.key] = region_kind(span.label)
                        break
        return cls(MappingProxyType(officials), MappingProxyType(boilerplate))

    def with_officials(self, found: Mapping[str, tuple[str, ...]]) -> Gazetteer:
        """This gazetteer plus officials found elsewhere (people's labels win on a name)."""
        merged = {**found, **self.officials}
        return Gazetteer(MappingProxyType(merged), self.boilerplate)

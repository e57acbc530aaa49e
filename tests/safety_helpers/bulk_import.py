"""Child of the two-writers test: a bulk import, `BATCHES` transactions of generated articles.

    python bulk_import.py DB BATCHES PER_BATCH

Prints `batch N INSERTED` (flushed) after each `Store.add_articles` call returned.
"""

from __future__ import annotations

import sys

from annotator.model import Article, OffsetMap, article_id_for
from annotator.store import Store


def article(number: int) -> Article:
    text = f"第{number}篇 " + "新疆维吾尔自治区党委书记马兴瑞在乌鲁木齐会见客人。" * 40
    return Article(
        id=article_id_for(f"bulk {number}".encode()),
        source=f"bulk/{number:05d}.txt",
        raw_text=text,
        text=text,
        offset_map=OffsetMap.identity(len(text)),
        title=f"第{number}篇",
    )


def main() -> int:
    db, batches, per_batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with Store.open(db) as store:
        for batch in range(batches):
            numbers = range(batch * per_batch, (batch + 1) * per_batch)
            inserted, _ = store.add_articles(article(n) for n in numbers)
            print(f"batch {batch} {inserted}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

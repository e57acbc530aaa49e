"""Export and import of labelled articles: the native JSONL and the formats other tools read.

The pipeline, after doccano's: (Article, AnnotationSet) -> native record (`record.py`) ->
optional `--body-only` cut (`body_only.py`) -> one Writer per format -> checked (`validate.py` and
each writer's `verify`) -> written atomically (`atomic.py`). Import runs the other way: a Reader
turns a file into `LabelledText`s, which `service.py` matches to stored articles. Only
`service.py` touches the store; everything else is pure and tested without a database.
"""

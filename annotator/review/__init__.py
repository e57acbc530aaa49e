"""Reviewing: agreement between annotators, merging their databases, adjudication into `gold`.

The metrics (`counts`, `spans`, `characters`, `records`, `agreement`) are pure functions over
`model.AnnotationSet`s and article texts; only `loading` and `merge` read the store.
"""

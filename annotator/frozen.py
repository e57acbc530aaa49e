"""Frozen, slotted dataclasses that are quick to make, for the few made hundreds of times a page.

Python 3.11's frozen dataclass __init__ sets each field with `object.__setattr__(self, name,
value)`, looked up by name every time: a seven-field Block cost 1.4 µs, five times a mutable
one, and cleaning and suggesting a real page made over a thousand such records (issue 13).
`quick_init` gives the class an __init__ of the same signature and effect that sets each slot
through the slot's own descriptor, as attrs does for its frozen classes: half the cost. The
instances stay frozen; only the way __init__ fills them changes.

It gives the class quicker pickling too. For a slotted dataclass, dataclasses' own
__getstate__ and __setstate__ walk `dataclasses.fields()` and set each field by name, on every
instance: the sixty suggested spans of a real page cost a worker of `import --jobs 2` about
0.3 ms to pickle, and the writer, which every worker waits for, as much to unpickle. The state
is the same (the fields' values in field order), so either reads what the other wrote.
"""

from __future__ import annotations

import dataclasses
import inspect
from typing import Any, TypeVar

T = TypeVar("T")

_NO_DEFAULT = object()


def quick_init(cls: type[T]) -> type[T]:
    """`cls`, a `dataclass(frozen=True, slots=True)` without InitVar or keyword-only fields,
    with a quicker __init__ of the same signature. __post_init__, when the class has one, is
    called last, as dataclasses do."""
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or "__slots__" not in cls.__dict__:
        raise TypeError(f"{cls.__name__} is not a frozen, slotted dataclass")
    every = cls.__dict__["__dataclass_fields__"].values()
    if any(f._field_type is not dataclasses._FIELD for f in every):  # type: ignore[attr-defined]
        raise TypeError(f"{cls.__name__} has an InitVar or ClassVar field")
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    if any(f.kw_only for f in fields):
        raise TypeError(f"{cls.__name__} has keyword-only fields")
    names: dict[str, Any] = {"_NO_DEFAULT": _NO_DEFAULT}
    params_src, body = [], []
    for number, f in enumerate(fields):
        setter = f"_set{number}"
        names[setter] = cls.__dict__[f.name].__set__  # the slot's member descriptor
        factory = f.default_factory is not dataclasses.MISSING
        if f.default is not dataclasses.MISSING:
            names[f"_default{number}"] = f.default
        if factory:
            names[f"_factory{number}"] = f.default_factory
        if f.init:
            if f.default is not dataclasses.MISSING:
                params_src.append(f"{f.name}=_default{number}")
            elif factory:
                params_src.append(f"{f.name}=_NO_DEFAULT")
                body.append(f"    if {f.name} is _NO_DEFAULT: {f.name} = _factory{number}()")
            else:
                params_src.append(f.name)
            body.append(f"    {setter}(self, {f.name})")
        elif f.default is not dataclasses.MISSING:
            body.append(f"    {setter}(self, _default{number})")
        elif factory:
            body.append(f"    {setter}(self, _factory{number}())")
    if hasattr(cls, "__post_init__"):
        body.append("    self.__post_init__()")
    source = f"def __init__(self, {', '.join(params_src)}):\n" + "\n".join(body or ["    pass"])
    exec(source, names)  # how dataclasses itself writes __init__
    init = names["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__doc__ = cls.__init__.__doc__  # type: ignore[misc]
    # the signature callers see is the dataclass's (a test compares them)
    init.__signature__ = inspect.signature(cls.__init__)  # type: ignore[attr-defined,misc]
    cls.__dataclass_init__ = cls.__init__  # type: ignore[attr-defined,misc]
    cls.__init__ = init  # type: ignore[misc]
    _quick_state(cls, fields)
    return cls


def _quick_state(cls: type, fields: tuple[dataclasses.Field, ...]) -> None:
    """__getstate__ and __setstate__ of the dataclass's state, written out field by field, as
    __init__ is; __setstate__, like the dataclass's, calls neither __init__ nor __post_init__."""
    names: dict[str, Any] = {}
    getters, setters = [], []
    for number, f in enumerate(fields):
        names[f"_set{number}"] = cls.__dict__[f.name].__set__
        getters.append(f"self.{f.name}")
        setters.append(f"    _set{number}(self, state[{number}])")
    source = (
        f"def __getstate__(self):\n    return ({''.join(g + ', ' for g in getters)})\n"
        "def __setstate__(self, state):\n" + "\n".join(setters or ["    pass"])
    )
    exec(source, names)
    for method in ("__getstate__", "__setstate__"):
        names[method].__qualname__ = f"{cls.__qualname__}.{method}"
        names[method].__module__ = cls.__module__
        setattr(cls, method, names[method])

"""A tagged PDF's structure tree, read with pikepdf, for the tests of the PDFs' accessibility."""

from __future__ import annotations

import pikepdf


def structure(pdf: pikepdf.Pdf) -> list[tuple[str, tuple[str, ...], pikepdf.Object]]:
    """Every structure element as (type, types of its ancestors, element), in document order."""
    found = []
    todo: list[tuple[pikepdf.Object, tuple[str, ...]]] = [(pdf.Root.StructTreeRoot, ())]
    while todo:
        element, ancestors = todo.pop(0)
        kind = str(element.get("/S", ""))
        if kind:
            found.append((kind, ancestors, element))
        kids = element.get("/K")
        children = kids if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
        todo[0:0] = [(k, (*ancestors, kind)) for k in children if isinstance(k, pikepdf.Dictionary)]
    return found


def scope_of(element: pikepdf.Object) -> str | None:
    """A table cell's /Scope (``/Column``, ``/Row``, ``/Both``), or None."""
    found = element.get("/A")
    for attributes in found if isinstance(found, pikepdf.Array) else [found]:
        if isinstance(attributes, pikepdf.Dictionary) and "/Scope" in attributes:
            return str(attributes.Scope)
    return None


def unscoped_headers(pdf: pikepdf.Pdf) -> list[tuple[tuple[str, ...], str | None]]:
    """TH elements whose scope is not Column inside a THead and Row elsewhere."""
    wrong = []
    for kind, ancestors, element in structure(pdf):
        if kind != "/TH":
            continue
        expected = "/Column" if "/THead" in ancestors else "/Row"
        if scope_of(element) != expected:
            wrong.append((ancestors, scope_of(element)))
    return wrong

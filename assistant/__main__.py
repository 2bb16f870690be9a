from assistant.cli import cli

cli(prog_name="python -m assistant")

"""`python -m extractor.batch batch|query ...`: the two commands on their own, for when they are
not (yet) registered on the main `extractor` group."""

import click

from extractor.batch.commands import batch, query


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def commands() -> None:
    """Datasets: batch extraction and SQL queries."""


commands.add_command(batch)
commands.add_command(query)
commands()

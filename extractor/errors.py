"""The one error type users see: a bad input file, named, with a reason."""


class InputError(Exception):
    """An input that cannot be processed; ``str()`` is a one-line message naming the file."""

    def __init__(self, path: str, reason: str):
        from extractor.reading import printable_path  # a name with undecodable bytes or a newline stays one line

        super().__init__(f"{printable_path(path)}: {reason}")
        self.path = path
        self.reason = reason

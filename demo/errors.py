"""What the demo builder refuses, said in Vietnamese for the command line to print."""


class DemoError(ValueError):
    """A demo that cannot be built as asked: a day outside the demo's years, a scale out
    of range, or a target that holds data the builder must not replace (demo/store.py)."""

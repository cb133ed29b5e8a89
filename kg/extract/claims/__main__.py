"""``python -m kg.extract.claims``: print the table of constructions the extractor knows."""

from __future__ import annotations

from .extract import CONSTRUCTIONS


def main() -> None:
    for number, construction in enumerate(CONSTRUCTIONS, 1):
        print(f"{number:2}. {construction.name}: {construction.example}  ({construction.find.__module__}."
              f"{construction.find.__name__})")


if __name__ == "__main__":
    main()

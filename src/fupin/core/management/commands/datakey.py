from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from fupin.core import crypto, keyrotation


class Command(BaseCommand):
    help = ("Data key (FUPIN_DATA_KEY). Without an action: print a new Fernet key (keep it "
            "secret, keep a backup). `lookup-key` prints the key of the identity numbers' lookup "
            "hashes, to pin in FUPIN_LOOKUP_KEY before a second data key is added. `rotate` "
            "re-encrypts every stored personal value under the first key of FUPIN_DATA_KEY (a "
            "chunk per transaction; re-run it after a kill) and audits it once. `check` reads "
            "every value: how many are still under an older key, and none unreadable "
            "(docs/operations.md, 'Rotating the data key').")

    def add_arguments(self, parser):
        parser.add_argument("action", nargs="?", default="new",
                            choices=["new", "lookup-key", "rotate", "check"])
        parser.add_argument("--chunk", type=int, default=keyrotation.CHUNK,
                            help="rows per transaction (default %(default)s)")
        parser.add_argument("--max-chunks", type=int, default=None,
                            help="rotate: stop after this many chunks (continue with another "
                                 "run)")

    def handle(self, *args, **opts):
        action = opts["action"]
        if action == "new":
            self.stdout.write(crypto.generate_key())
            return
        if opts["chunk"] < 1:
            raise CommandError("--chunk must be at least 1")
        try:
            if action == "lookup-key":
                self.stdout.write(crypto.lookup_key_text())
            elif action == "rotate":
                self._rotate(opts["chunk"], opts["max_chunks"])
            else:
                self._check(opts["chunk"])
        except (ImproperlyConfigured, keyrotation.UnreadableValue) as exc:
            raise CommandError(str(exc)) from exc

    def _table(self, tables: dict[str, keyrotation.TableCount], first: str) -> None:
        self.stdout.write(f"{'table':<28}{first:>10}{'current':>10}{'empty':>10}")
        for label, c in tables.items():
            self.stdout.write(f"{label:<28}{c.rotated:>10}{c.current:>10}{c.empty:>10}")

    def _rotate(self, chunk: int, max_chunks: int | None) -> None:
        outcome = keyrotation.rotate(chunk=chunk, max_chunks=max_chunks)
        self._table(outcome.tables, "rotated")
        if not outcome.finished:
            self.stdout.write(f"stopped after {max_chunks} chunks: run `fupin datakey rotate` "
                              "again to continue (nothing audited yet)")
            return
        self.stdout.write(self.style.SUCCESS(
            f"rotated {outcome.rotated} values, {outcome.current} were current; audited as "
            f"{keyrotation.ACTION}. Check with `fupin datakey check`, then drop the old key."))

    def _check(self, chunk: int) -> None:
        result = keyrotation.check(chunk=chunk)
        self._table(result.tables, "old key")
        for where in result.unreadable[:20]:
            self.stderr.write(f"unreadable: {where}")
        if result.lookup_mismatches:
            self.stderr.write(f"{result.lookup_mismatches} identity numbers do not match their "
                              "lookup hash: FUPIN_LOOKUP_KEY is not the key they were hashed "
                              "with")
        if not result.ok:
            raise CommandError("data key check failed", returncode=1)
        old = sum(c.rotated for c in result.tables.values())
        self.stdout.write(self.style.SUCCESS(
            "every value is under the first key: the older keys can be dropped" if not old else
            f"{old} values are still under an older key: run `fupin datakey rotate`"))

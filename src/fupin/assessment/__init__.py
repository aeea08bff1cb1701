"""Third-party assessment (三率一度): the sample, the field results, the rates with their
intervals and verdicts. The statistics live in :mod:`fupin_engine.measures`."""

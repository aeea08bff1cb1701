"""County performance evaluation (示范县绩效评价) and fund performance (资金绩效评价), issue 13.

Indicator systems are versioned data scored by ``fupin_engine.evaluation``; a round is a
workflow on the platform's engine; funds feed the funds module. Three areas, each with its own
models, services, views, API and datasets module: ``rounds`` (systems, rounds, values,
results), ``scorecards`` (the outputs people read) and ``funds`` (allocations, projects,
expenditures, the negative list). See docs/evaluation.md.
"""

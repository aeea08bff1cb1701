"""Fund performance: allocations, projects, expenditures and the negative list (funds)."""

__all__: list[str] = []

"""Screens of the e-commerce and commerce programmes, one module per area:
``programme`` (county and province pages, service system, pairings, training, programmes),
``products`` (certification, supply chains, batches, sales), ``linkages`` (benefit linkages)."""

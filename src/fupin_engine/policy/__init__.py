"""Policy packs: lines, parameters and rules as data (YAML), never as code."""

"""MkDocs wiring of soins_obliges.search (work in progress: wiring only, the logic lives in the engine package)."""

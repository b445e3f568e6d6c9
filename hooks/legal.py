"""MkDocs wiring of soins_obliges.legal (work in progress: wiring only, the logic lives in the engine package)."""

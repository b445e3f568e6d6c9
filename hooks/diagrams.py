"""MkDocs wiring of soins_obliges.diagrams (work in progress: wiring only, the logic lives in the engine package)."""

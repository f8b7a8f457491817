"""The internal primitive layer: every primitive's complete record, and unchecked binders.

Gradient rules, JVP rules, batch rules and the engine call these binders directly (on tensors
that are already converted and checked); the public API in `tapeflow.ops` converts and checks
once, at the boundary. `base` holds the primitives the engine itself needs; the other modules
build on it.
"""

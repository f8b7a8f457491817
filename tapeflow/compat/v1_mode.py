"""Switching eager execution off and on (`tf.compat.v1.disable_eager_execution`, ...).

With eager execution disabled, every op builds into the default graph — a global `tf.Graph`
(`tf.compat.v1.get_default_graph()`, replaced by `reset_default_graph()`) — and
`tf.executing_eagerly()` is False; `tf.compat.v1.Session().run` evaluates what was built. This
is a graph builder kept at the bottom of this thread's recorder stack: `Graph.as_default()` and
`tf.function` tracing replace the stack while they are open, as they do in eager mode.
`disable_v2_behavior()` also makes `tf.compat.v1.Variable`s TF1 reference variables (their
dtype prints as `float32_ref`; reading one uninitialized says "Attempting to use uninitialized
value").

    >>> from tapeflow.compat import v1_mode
    >>> v1_mode.eager_enabled()
    True
"""
from ..framework import graph as _graph
from ..framework.op import _refresh, state
from . import v1_variables

_switch = {"builder": None}


def eager_enabled():
    return _switch["builder"] is None


def disable_eager_execution():
    """Ops from now on build into the default graph (run them with a Session)."""
    if _switch["builder"] is not None:
        return
    builder = _graph.GraphBuilder(_graph.get_default_graph())
    _switch["builder"] = builder
    state.stack.insert(0, builder)
    _refresh()


def enable_eager_execution(config=None, device_policy=None, execution_mode=None):
    """Ops run eagerly again (the default)."""
    builder = _switch["builder"]
    if builder is None:
        return
    _switch["builder"] = None
    stack = state.stack
    for i, r in enumerate(stack):
        if r is builder:
            del stack[i]
            break
    _refresh()


def executing_eagerly():
    """False while a graph is being built (after `disable_eager_execution()`, inside
    `Graph.as_default()` or a `tf.function` trace)."""
    return _graph.building_graph() is None


def executing_eagerly_outside_functions():
    return eager_enabled() and not any(
        not g.building_function for g in _graph._graph_state.default_stack)


def disable_v2_behavior():
    """TF1 behaviour: eager execution off, `tf.compat.v1.Variable`s as reference variables."""
    disable_eager_execution()
    v1_variables._mode["ref_variables"] = True


def enable_v2_behavior():
    enable_eager_execution()
    v1_variables._mode["ref_variables"] = False


def disable_resource_variables():
    v1_variables._mode["ref_variables"] = True


def enable_resource_variables():
    v1_variables._mode["ref_variables"] = False


def resource_variables_enabled():
    return not v1_variables._mode["ref_variables"]


def reset_default_graph():
    """Replaces the global default graph by a new, empty one (not inside `as_default()`)."""
    _graph.reset_default_graph()
    builder = _switch["builder"]
    if builder is not None:
        builder.graph = _graph.get_default_graph()


def get_default_graph():
    """The graph ops build into: the innermost `as_default()` graph, else the global one."""
    return _graph.get_default_graph()


__all__ = [
    "disable_eager_execution",
    "disable_v2_behavior",
    "enable_eager_execution",
    "enable_v2_behavior",
    "executing_eagerly",
    "get_default_graph",
    "reset_default_graph",
]

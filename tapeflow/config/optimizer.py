"""`tf.config.optimizer`: graph-optimizer switches (JIT compilation, Grappler options).

tapeflow has no graph optimizer: the switches are kept and reported as TF reports them.

    >>> import tapeflow as tf
    >>> tf.config.optimizer.get_jit()
    ''
    >>> tf.config.optimizer.get_experimental_options()
    {'disable_model_pruning': False, 'disable_meta_optimizer': False}
"""
from ..framework import config_state as _cs

# TF's Grappler options in the order `get_experimental_options` reports them: toggles appear once
# set; the two booleans always appear.
_OPTIONS = ("layout_optimizer", "constant_folding", "shape_optimization", "remapping",
            "arithmetic_optimization", "dependency_optimization", "loop_optimization",
            "function_optimization", "debug_stripper", "disable_model_pruning",
            "scoped_allocator_optimization", "pin_to_host_optimization",
            "implementation_selector", "auto_mixed_precision", "use_plugin_optimizers",
            "disable_meta_optimizer", "auto_mixed_precision_onednn_bfloat16",
            "auto_mixed_precision_mkl")
_ALWAYS = ("disable_model_pruning", "disable_meta_optimizer")


def get_jit():
    """'autoclustering' when XLA auto-clustering was switched on, else ''."""
    return "autoclustering" if _cs.jit else ""


def set_jit(enabled):
    """`"autoclustering"` (or the deprecated True) switches auto-clustering on; anything else off."""
    _cs.jit = enabled is True or enabled == "autoclustering"


def get_experimental_options():
    """The Grappler options set so far (as a dict)."""
    options = {}
    for name in _OPTIONS:
        if name in _cs.optimizer_options:
            options[name] = bool(_cs.optimizer_options[name])
        elif name in _ALWAYS:
            options[name] = False
    if _cs.optimizer_options.get("min_graph_nodes"):
        options["min_graph_nodes"] = _cs.optimizer_options["min_graph_nodes"]
    return options


def set_experimental_options(options):
    """Sets Grappler options (a dict such as `{'layout_optimizer': False}`)."""
    _cs.optimizer_options.update(options)

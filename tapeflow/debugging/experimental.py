"""`tf.debugging.experimental`: TF's Debugger V2 dumps, which tapeflow does not write.

    >>> tf.debugging.experimental.disable_dump_debug_info()
"""


def enable_dump_debug_info(dump_root, tensor_debug_mode="NO_TENSOR", circular_buffer_size=1000,
                           op_regex=None, tensor_dtypes=None):
    """Not implemented: tapeflow writes no Debugger V2 (tfdbg2) event files for TensorBoard.
    `tf.debugging.enable_check_numerics`, `tf.autodiff.detect_anomaly` and `tf.autodiff.explain`
    cover the usual questions."""
    raise NotImplementedError(
        "tf.debugging.experimental.enable_dump_debug_info is not implemented: tapeflow writes no "
        "Debugger V2 (tfdbg2) dumps. Use tf.debugging.enable_check_numerics() for NaN/Inf in the "
        "forward pass, tf.autodiff.detect_anomaly() for the backward pass, and "
        "tf.autodiff.plot(tape, 'tape.svg') for a picture of the recorded ops.")


def disable_dump_debug_info():
    """Turns Debugger V2 dumping off: a no-op, since tapeflow never turns it on."""

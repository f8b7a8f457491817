"""`tf.compat.v1`: only what eager TF 2 code uses."""


def enable_eager_execution(config=None, device_policy=None, execution_mode=None):
    """Accepted; tapeflow is always eager."""


def executing_eagerly():
    return True

"""SGD with optional (Nesterov) momentum, as Keras 3:

    m = momentum * m - lr * g;   var += m                          (momentum)
    var += momentum * m_new - lr * g                                (nesterov)
    var -= lr * g                                                   (plain)
"""
from . import _ops as K
from .base import Optimizer, _assign, _assign_add, _assign_sub, _value, cast


class SGD(Optimizer):
    """Gradient descent (with momentum).

    >>> v = tf.Variable(1.0)
    >>> opt = tf.keras.optimizers.SGD(learning_rate=0.1)
    >>> _ = opt.apply_gradients([(tf.constant(2.0), v)])
    >>> v.numpy()
    np.float32(0.8)
    """

    def __init__(self, learning_rate=0.01, momentum=0.0, nesterov=False, weight_decay=None,
                 clipnorm=None, clipvalue=None, global_clipnorm=None, use_ema=False,
                 ema_momentum=0.99, ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(learning_rate=learning_rate, name=name, weight_decay=weight_decay,
                         clipnorm=clipnorm, clipvalue=clipvalue, global_clipnorm=global_clipnorm,
                         use_ema=use_ema, ema_momentum=ema_momentum,
                         ema_overwrite_frequency=ema_overwrite_frequency,
                         loss_scale_factor=loss_scale_factor,
                         gradient_accumulation_steps=gradient_accumulation_steps, **kwargs)
        if not isinstance(momentum, float) or momentum < 0 or momentum > 1:
            raise ValueError("`momentum` must be a float between [0, 1].")
        self.momentum = momentum
        self.nesterov = nesterov

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self.momentums = []
        if self.momentum != 0:
            self.momentums = self.add_optimizer_variables(variables, "momentum")

    def update_step(self, gradient, variable, learning_rate):
        if self.momentum == 0:
            _assign_sub(variable, K.multiply(gradient, learning_rate))
            return
        m = self.momentums[self._get_variable_index(variable)]
        momentum = cast(self.momentum, learning_rate.dtype)
        _assign(m, K.subtract(K.multiply(_value(m), momentum),
                              K.multiply(gradient, learning_rate)))
        if self.nesterov:
            _assign_add(variable, K.subtract(K.multiply(_value(m), momentum),
                                             K.multiply(gradient, learning_rate)))
        else:
            _assign_add(variable, _value(m))

    def get_config(self):
        config = super().get_config()
        config.update(momentum=self.momentum, nesterov=self.nesterov)
        return config


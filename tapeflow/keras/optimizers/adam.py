"""The Adam family, as Keras 3 computes it (`t = iterations + 1`, all in the variable's dtype):

    Adam    m += (g - m)(1 - b1);  v += (g^2 - v)(1 - b2)
            var -= m * lr sqrt(1 - b2^t) / (1 - b1^t) / (sqrt(v) + eps)   (v -> max(v_hat, v) with
            amsgrad)
    AdamW   Adam after the decoupled decay var -= var * weight_decay * lr
    Adamax  m += (g - m)(1 - b1);  u = max(b2 u, |g|);  var -= lr m / ((1 - b1^t)(u + eps))
    Nadam   Adam with Nesterov momentum and the momentum schedule u_t = b1 (1 - 0.5 * 0.96^t)
"""
import numpy as np

from .. import backend
from . import _ops as K
from .base import Optimizer, _assign, _assign_add, _assign_sub, _value, cast


class Adam(Optimizer):
    """Adam (Kingma & Ba), with optional AMSGrad."""

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=False,
                 weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 name=None, **kwargs):
        super().__init__(learning_rate=learning_rate, name=name, weight_decay=weight_decay,
                         clipnorm=clipnorm, clipvalue=clipvalue, global_clipnorm=global_clipnorm,
                         **kwargs)
        self.beta_1, self.beta_2, self.epsilon, self.amsgrad = beta_1, beta_2, epsilon, amsgrad

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self._momentums, self._velocities = self.add_optimizer_variables(
            var_list, ["momentum", "velocity"])
        if self.amsgrad:
            self._velocity_hats = self.add_optimizer_variables(var_list, "velocity_hat")

    def update_step(self, gradient, variable, learning_rate):
        lr = learning_rate
        step = self._step(lr.dtype)
        beta_1_power = np.power(cast(self.beta_1, lr.dtype), step)
        beta_2_power = np.power(cast(self.beta_2, lr.dtype), step)
        i = self._get_variable_index(variable)
        m, v = self._momentums[i], self._velocities[i]
        alpha = lr * np.sqrt(1 - beta_2_power) / (1 - beta_1_power)
        _assign_add(m, K.multiply(K.subtract(gradient, _value(m)), 1 - self.beta_1))
        _assign_add(v, K.multiply(K.subtract(K.square(gradient), _value(v)), 1 - self.beta_2))
        if self.amsgrad:
            v_hat = self._velocity_hats[i]
            _assign(v_hat, K.maximum(_value(v_hat), _value(v)))
            v = v_hat
        _assign_sub(variable, K.divide(K.multiply(_value(m), alpha),
                                       K.add(K.sqrt(_value(v)), self.epsilon)))

    def get_config(self):
        config = super().get_config()
        config.update(beta_1=self.beta_1, beta_2=self.beta_2, epsilon=self.epsilon,
                      amsgrad=self.amsgrad)
        return config


class AdamW(Adam):
    """Adam with decoupled weight decay (default 0.004)."""

    def __init__(self, learning_rate=0.001, weight_decay=0.004, beta_1=0.9, beta_2=0.999,
                 epsilon=1e-7, amsgrad=False, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 name=None, **kwargs):
        super().__init__(learning_rate=learning_rate, beta_1=beta_1, beta_2=beta_2,
                         epsilon=epsilon, amsgrad=amsgrad, name=name, weight_decay=weight_decay,
                         clipnorm=clipnorm, clipvalue=clipvalue, global_clipnorm=global_clipnorm,
                         **kwargs)
        if self.weight_decay is None:
            raise ValueError("Argument `weight_decay` must be a float. Received: "
                             "weight_decay=None")


class Adamax(Optimizer):
    """Adam with the infinity norm."""

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, name=None,
                 **kwargs):
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        self.beta_1, self.beta_2, self.epsilon = beta_1, beta_2, epsilon

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self._m, self._u = self.add_optimizer_variables(var_list, ["momentum", "norm"])

    def update_step(self, gradient, variable, learning_rate):
        step = self._step(learning_rate.dtype)
        beta_1_power = np.power(cast(self.beta_1, learning_rate.dtype), step)
        i = self._get_variable_index(variable)
        m, u = self._m[i], self._u[i]
        _assign_add(m, K.multiply(K.subtract(gradient, _value(m)), 1 - self.beta_1))
        _assign(u, K.maximum(K.multiply(self.beta_2, _value(u)), K.abs(gradient)))
        _assign_sub(variable, K.divide(K.multiply(learning_rate, _value(m)),
                                       K.multiply(1 - beta_1_power,
                                                  K.add(_value(u), self.epsilon))))

    def get_config(self):
        config = super().get_config()
        config.update(beta_1=self.beta_1, beta_2=self.beta_2, epsilon=self.epsilon)
        return config


class Nadam(Optimizer):
    """Adam with Nesterov momentum (Dozat), with Keras's momentum schedule."""

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, name=None,
                 **kwargs):
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        self.beta_1, self.beta_2, self.epsilon = beta_1, beta_2, epsilon

    def build(self, var_list):
        if self.built:
            return
        dtype = var_list[0].dtype if var_list else backend.floatx()
        super().build(var_list)
        self._momentums, self._velocities = self.add_optimizer_variables(
            var_list, ["momentum", "velocity"])
        with backend.name_scope(self.name):
            self._u_product = backend.Variable(np.float32(1.0), dtype=dtype, trainable=False)
        self._variables.append(self._u_product)

    def _update_all(self, grads, variables, lr):
        dtype = self._u_product._value.dtype
        p = np.power(cast(0.96, dtype), self._step(dtype))
        _assign(self._u_product, _value(self._u_product) * self.beta_1 * (1.0 - 0.5 * p))
        super()._update_all(grads, variables, lr)

    def update_step(self, gradient, variable, learning_rate):
        dt = learning_rate.dtype
        lr = learning_rate
        local_step = self._step(dt)
        next_step = np.asarray(self._iterations._value + 2).astype(dt)
        decay = cast(0.96, dt)
        beta_1, beta_2 = cast(self.beta_1, dt), cast(self.beta_2, dt)
        u_t = beta_1 * (1.0 - 0.5 * np.power(decay, local_step))
        u_t_1 = beta_1 * (1.0 - 0.5 * np.power(decay, next_step))
        u_product_t = _value(self._u_product).astype(dt)
        u_product_t_1 = u_product_t * u_t_1
        beta_2_power = np.power(beta_2, local_step)
        i = self._get_variable_index(variable)
        m, v = self._momentums[i], self._velocities[i]
        _assign_add(m, K.multiply(K.subtract(gradient, _value(m)), 1 - beta_1))
        _assign_add(v, K.multiply(K.subtract(K.square(gradient), _value(v)), 1 - beta_2))
        m_hat = K.add(K.divide(K.multiply(u_t_1, _value(m)), 1 - u_product_t_1),
                      K.divide(K.multiply(1 - u_t, gradient), 1 - u_product_t))
        v_hat = K.divide(_value(v), 1 - beta_2_power)
        _assign_sub(variable, K.divide(K.multiply(m_hat, lr),
                                       K.add(K.sqrt(v_hat), self.epsilon)))

    def get_config(self):
        config = super().get_config()
        config.update(beta_1=self.beta_1, beta_2=self.beta_2, epsilon=self.epsilon)
        return config

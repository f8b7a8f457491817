"""`keras.utils` image helpers: `img_to_array`, `array_to_img`, `load_img`, `save_img` (Pillow,
an optional dependency, for the PIL images).

    >>> keras = tf.keras
    >>> keras.utils.img_to_array(np.ones((2, 3), np.uint8)).shape
    (2, 3, 1)
"""
import numpy as np

__all__ = ["array_to_img", "img_to_array", "load_img", "save_img"]

_RESAMPLE = {"nearest": "NEAREST", "bilinear": "BILINEAR", "bicubic": "BICUBIC",
             "hamming": "HAMMING", "box": "BOX", "lanczos": "LANCZOS"}


def _pil():
    try:
        from PIL import Image
    except ImportError:
        raise ImportError("Could not import PIL.Image. The use of `load_img` requires PIL.") from None
    return Image


def _data_format(data_format):
    if data_format is None:
        from .backend import image_data_format
        data_format = image_data_format()
    if data_format not in ("channels_first", "channels_last"):
        raise ValueError(f"Invalid data_format: {data_format}")
    return data_format


def img_to_array(img, data_format=None, dtype=None):
    """A PIL image (or array) as a float32 array [height, width, channels] (channels first with
    `data_format="channels_first"`)."""
    data_format = _data_format(data_format)
    x = np.asarray(img, dtype=dtype or "float32")
    if x.ndim == 3:
        if data_format == "channels_first":
            x = x.transpose(2, 0, 1)
    elif x.ndim == 2:
        x = x.reshape((1, *x.shape)) if data_format == "channels_first" else x.reshape(
            (*x.shape, 1))
    else:
        raise ValueError(f"Unsupported image shape: {x.shape}")
    return x


def array_to_img(x, data_format=None, scale=True, dtype=None):
    """A PIL image of a rank-3 array (1, 3 or 4 channels), rescaled to 0..255 when `scale`."""
    Image = _pil()
    data_format = _data_format(data_format)
    x = np.asarray(x, dtype=dtype or "float32")
    if x.ndim != 3:
        raise ValueError(f"Expected image array to have rank 3 (single image). Got array with "
                         f"shape: {x.shape}")
    if data_format == "channels_first":
        x = x.transpose(1, 2, 0)
    if scale:
        x = x - np.min(x)
        x_max = np.max(x)
        if x_max != 0:
            x /= x_max
        x *= 255
    channels = x.shape[2]
    if channels == 4:
        return Image.fromarray(x.astype("uint8"), "RGBA")
    if channels == 3:
        return Image.fromarray(x.astype("uint8"), "RGB")
    if channels == 1:
        if np.max(x) > 255:
            return Image.fromarray(x[:, :, 0].astype("int32"), "I")
        return Image.fromarray(x[:, :, 0].astype("uint8"), "L")
    raise ValueError(f"Unsupported channel number: {channels}")


def load_img(path, color_mode="rgb", target_size=None, interpolation="nearest",
             keep_aspect_ratio=False):
    """The image file at `path` as a PIL image, converted to `color_mode` and resized to
    `target_size` (height, width) when given."""
    Image = _pil()
    if hasattr(path, "read"):
        img = Image.open(path)
    else:
        with open(str(path), "rb") as f:
            import io
            img = Image.open(io.BytesIO(f.read()))
    if color_mode == "grayscale":
        if img.mode not in ("L", "I;16", "I"):
            img = img.convert("L")
    elif color_mode == "rgba":
        if img.mode != "RGBA":
            img = img.convert("RGBA")
    elif color_mode == "rgb":
        if img.mode != "RGB":
            img = img.convert("RGB")
    else:
        raise ValueError('color_mode must be "grayscale", "rgb", or "rgba"')
    if target_size is not None:
        width_height = (target_size[1], target_size[0])
        if img.size != width_height:
            if interpolation not in _RESAMPLE:
                raise ValueError(f"Invalid interpolation method {interpolation} specified. "
                                 f"Supported methods are {', '.join(_RESAMPLE)}")
            resample = getattr(Image, _RESAMPLE[interpolation])
            if keep_aspect_ratio:
                width, height = img.size
                target_w, target_h = width_height
                crop_h = (width * target_h) // target_w
                crop_w = (height * target_w) // target_h
                crop_h, crop_w = min(height, crop_h), min(width, crop_w)
                cx, cy = width // 2, height // 2
                box = (cx - crop_w // 2, cy - crop_h // 2, cx + crop_w - crop_w // 2,
                       cy + crop_h - crop_h // 2)
                img = img.crop(box)
            img = img.resize(width_height, resample)
    return img


def save_img(path, x, data_format=None, file_format=None, scale=True, **kwargs):
    """Writes array `x` as an image file."""
    img = array_to_img(x, data_format=data_format, scale=scale)
    if img.mode == "RGBA" and (file_format == "jpg" or file_format == "jpeg"
                               or str(path).lower().endswith((".jpg", ".jpeg"))):
        img = img.convert("RGB")
    img.save(path, format=file_format, **kwargs)

# Sourced by test.sh: one job in an environment installed from pyproject.toml alone, as a user
# gets it (`pip install .`, no extras), in .venv-user/. Dependencies are installed again only when
# pyproject.toml changes; tapeflow itself whenever its source changes (a non-editable install).
# Then tools/check_user_install.py checks what a user sees.
user_venv=.venv-user
deps_stamp=$user_venv/.deps-$(sha1sum pyproject.toml | cut -c1-12)
src_hash=$( (sha1sum pyproject.toml; find tapeflow -name '*.py' -print0 | sort -z | xargs -0 sha1sum) \
  | sha1sum | cut -c1-12)
src_stamp=$user_venv/.src-$src_hash
if [ ! -f "$deps_stamp" ]; then
  rm -rf "$user_venv"
  python3 -m venv "$user_venv"
  "$user_venv/bin/python" -m pip install -q --disable-pip-version-check .
  touch "$deps_stamp" "$src_stamp"
elif [ ! -f "$src_stamp" ]; then
  "$user_venv/bin/python" -m pip install -q --disable-pip-version-check --no-deps \
    --force-reinstall .
  rm -f "$user_venv"/.src-*
  touch "$src_stamp"
fi
# -I: isolated, so the source tree in the current directory is not importable; only the install.
(cd / && "$root/$user_venv/bin/python" -I "$root/tools/check_user_install.py")

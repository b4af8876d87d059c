# shellcheck shell=bash
# Sourced by the tests that hand hostile text to pandoc: checks on the html pandoc wrote.
#   absent FILE REGEX     no live markup matches (text's own < comes out as &lt;)
#   present FILE TEXT     the words are still there, as text
#   only_tags FILE "T..." every tag in FILE is one of the given ones (the layout's own)
# Each prints one line a check and sets failed=1 on a failure.
failed=0
absent() {
  if grep -qiE -- "$2" "$1"; then
    echo "LIVE in pandoc's html: $2"; grep -iE -- "$2" "$1" | head -5; failed=1
  else echo "not live: $2"; fi
}
present() {
  if grep -qF -- "$2" "$1"; then echo "kept as text: $2"
  else echo "NOT kept as text: $2"; failed=1; fi
}
only_tags() {
  local tags tag
  tags=$(grep -oE '</?[a-zA-Z][a-zA-Z0-9]*' "$1" | tr -d '</' | sort -u | tr '\n' ' ')
  echo "tags: $tags"
  for tag in $tags; do
    case " $2 " in
      *" $tag "*) ;;
      *) echo "UNEXPECTED tag: $tag"; failed=1 ;;
    esac
  done
}

# Checks that the bridge's C files follow the headers (docs/capi-abi.md, "Native fast paths"): a C-API function or
# data symbol declared in <h>.h or cpython/<h>.h is defined in src/ftb_<h>.c; every ftb_<h>.c defines something
# that <h>.h declares; files with no C-API definitions are named bridge_<what>.c.
# Input: gen/capi-headers.txt (name TAB header), then `nm -A -g --defined-only` of the src objects.
# -v sources="ftb_a.c bridge_b.c ..." lists the C files, so a file that defines nothing is checked too.

FNR == NR {
    if ($0 !~ /^#/) {
        split($0, f, "\t")
        base = f[2]
        sub(/.*\//, "", base)
        sub(/\.h$/, "", base)
        header[f[1]] = f[2]
        home[f[1]] = "ftb_" base ".c"
    }
    next
}

# "build/obj/ftb_object.o:0000000000000000 T _Py_Dealloc"
NF == 3 {
    file = $1
    sub(/:.*/, "", file)
    sub(/.*\//, "", file)
    sub(/\.o$/, ".c", file)
    name = $3
    if (!(name in home)) {
        next   # the bridge's own symbols (ftb_*) may live anywhere
    }
    defines[file] = 1
    if (home[name] != file) {
        printf "native-bridge/src/%s defines %s, which %s declares: move it to native-bridge/src/%s\n",
            file, name, header[name], home[name] > "/dev/stderr"
        bad = 1
    }
}

END {
    n = split(sources, list, " ")
    for (i = 1; i <= n; i++) {
        file = list[i]
        sub(/.*\//, "", file)
        if (file ~ /^ftb_.*\.c$/) {
            if (!(file in defines)) {
                h = file
                sub(/^ftb_/, "", h)
                sub(/\.c$/, ".h", h)
                printf "native-bridge/src/%s defines nothing that %s declares: name it bridge_<what>.c (or move %s's definitions into it)\n",
                    file, h, h > "/dev/stderr"
                bad = 1
            }
        } else if (file !~ /^bridge_.*\.c$/) {
            printf "native-bridge/src/%s: the bridge's C files are named ftb_<header>.c or bridge_<what>.c\n", file > "/dev/stderr"
            bad = 1
        }
    }
    exit bad
}

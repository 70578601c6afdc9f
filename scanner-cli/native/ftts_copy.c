/*
 * ftts_copy.c: flattens a tree-sitter tree into an int32 array in one native call, so the JVM does not pay a
 * downcall per node. Part of ftcheck's scanner (see docs/scanner.md, "Parsing").
 *
 * Layout: FTTS_FIELDS int32 per node, nodes in preorder:
 *   [0] symbol (alias-resolved, as ts_node_symbol), [1] flags (1 named, 2 missing, 4 error),
 *   [2] start byte, [3] end byte, [4] start row, [5] start column (bytes), [6] parent index (-1 for the root),
 *   [7] field id in the parent (0 for none), [8] end row, [9] end column (bytes).
 */
#include <stdint.h>
#include <stdlib.h>
#include <tree_sitter/api.h>

#define FTTS_FIELDS 10

/* Version of this ABI; the Java side checks it before trusting the layout. */
int32_t ftts_abi_version(void) { return 2; }

/*
 * Writes at most `cap` nodes to `out` and returns the total node count (which may exceed `cap`: the caller then
 * retries with a larger buffer). Returns -1 when memory for the parent stack cannot be allocated.
 */
int32_t ftts_copy_tree(const TSTree *tree, int32_t *out, int32_t cap) {
    TSTreeCursor cursor = ts_tree_cursor_new(ts_tree_root_node(tree));
    int32_t stack_cap = 256;
    int32_t *parents = malloc(sizeof(int32_t) * (size_t)stack_cap);
    if (parents == NULL) {
        ts_tree_cursor_delete(&cursor);
        return -1;
    }
    int32_t depth = 0;
    int32_t count = 0;
    parents[0] = -1;
    for (;;) {
        TSNode node = ts_tree_cursor_current_node(&cursor);
        if (count < cap) {
            int32_t *o = out + (size_t)count * FTTS_FIELDS;
            TSPoint start = ts_node_start_point(node);
            TSPoint end = ts_node_end_point(node);
            o[0] = ts_node_symbol(node);
            o[1] = (ts_node_is_named(node) ? 1 : 0) | (ts_node_is_missing(node) ? 2 : 0)
                    | (ts_node_is_error(node) ? 4 : 0);
            o[2] = (int32_t)ts_node_start_byte(node);
            o[3] = (int32_t)ts_node_end_byte(node);
            o[4] = (int32_t)start.row;
            o[5] = (int32_t)start.column;
            o[6] = parents[depth];
            o[7] = ts_tree_cursor_current_field_id(&cursor);
            o[8] = (int32_t)end.row;
            o[9] = (int32_t)end.column;
        }
        int32_t index = count++;
        if (ts_tree_cursor_goto_first_child(&cursor)) {
            if (depth + 1 >= stack_cap) {
                int32_t *grown = realloc(parents, sizeof(int32_t) * (size_t)stack_cap * 2);
                if (grown == NULL) {
                    free(parents);
                    ts_tree_cursor_delete(&cursor);
                    return -1;
                }
                parents = grown;
                stack_cap *= 2;
            }
            parents[++depth] = index;
            continue;
        }
        while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
            if (!ts_tree_cursor_goto_parent(&cursor)) {
                free(parents);
                ts_tree_cursor_delete(&cursor);
                return count;
            }
            depth--;
        }
    }
}

/*
 * session_rust.c: the RUST_TYPE request: the variant part of a Rust enum (which member holds the
 * discriminant, and for each variant its value or none for the default one), so that the values
 * view can show the variant the bytes hold. A type without a variant part, or with one we do not
 * read, says so (state 0 or 2) and is shown by its raw layout.
 */
#include "session_internal.h"
#include "wire.h"

void session_handle_rust_type(struct session *s, uint32_t id)
{
    struct symtab *st = session_symbols(s);
    const struct sym_type *t = st ? symtab_type(st, id) : NULL;
    if (!t) {
        session_send_error(s, ERR_NOT_AVAILABLE, "no such type");
        return;
    }
    const struct sym_variants *v = t->kind == SYMT_STRUCT ? t->variants : NULL;
    uint8_t state = !v ? 0 : v->understood && symtab_rust_discriminant_ok(st, v) ? 1 : 2;
    wire_begin(&s->out, WIRE_RUST_TYPE_INFO);
    buf_u32(&s->out, id);
    buf_u8(&s->out, state);
    buf_u32(&s->out, state == 1 ? v->discr_type : 0);
    buf_u64(&s->out, state == 1 ? v->discr_offset : 0);
    uint32_t n = state == 1 ? v->n : 0;
    buf_u32(&s->out, n);
    for (uint32_t i = 0; i < n; i++) {
        const struct sym_variant *x = &v->v[i];
        buf_str(&s->out, x->name);
        buf_u32(&s->out, x->type);
        buf_u64(&s->out, x->offset);
        buf_u8(&s->out, x->has_discr);
        buf_u64(&s->out, x->discr);
    }
    session_send_frame(s);
}

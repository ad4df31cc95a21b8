/* positions.c - spans as FtlRange, and the conversions between offsets and
 * line:column in the three units of ftlc.h. */
#include "session/session_int.h"

static FtlPoint point_of(const FtlSource *f, uint32_t off)
{
    if (off > f->len) off = (uint32_t)f->len;
    FtlColumns c = ftl_source_columns(f, off);
    FtlPoint p = {c.line, c.bytes, c.utf16, c.chars, off};
    return p;
}

FtlRange ses_range(const SesComp *c, FtlSpan span)
{
    FtlRange r = {0};
    const FtlSource *f = ftl_sources_get(&c->src, span.file);
    if (!f) return r;
    r.file = f->name;
    r.start = point_of(f, span.off);
    r.end = point_of(f, span.end > span.off ? span.end : span.off);
    return r;
}

FtlStatus ftl_session_offset(FtlSession *s, const char *file, uint32_t line, uint32_t column,
                             FtlColumnUnit unit, uint32_t *offset)
{
    if (!s || !s->comp || !file || !offset) return FTL_EINVAL;
    const FtlSource *f = ftl_sources_get(&s->comp->src, ses_file_id(s->comp, file));
    FtlUnit u = unit == FTL_COLUMN_UTF16   ? FTL_UNIT_UTF16
                : unit == FTL_COLUMN_CHARS ? FTL_UNIT_CHARS
                                           : FTL_UNIT_BYTES;
    return ftl_source_offset(f, line, column, u, offset) == 0 ? FTL_OK : FTL_EINVAL;
}

FtlStatus ftl_session_point(FtlSession *s, const char *file, uint32_t offset, FtlPoint *out)
{
    if (!s || !s->comp || !file || !out) return FTL_EINVAL;
    const FtlSource *f = ftl_sources_get(&s->comp->src, ses_file_id(s->comp, file));
    if (!f) return FTL_EINVAL;
    *out = point_of(f, offset);
    return FTL_OK;
}

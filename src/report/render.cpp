#include "rebuild/render.hpp"

namespace rebuild {

void render_text(const weekly_report& r, std::ostream& out, const render_options& options);
void render_markdown(const weekly_report& r, std::ostream& out);
void render_json(const weekly_report& r, std::ostream& out);
void render_html(const weekly_report& r, std::ostream& out);

void render(const weekly_report& r, report_format format, std::ostream& out,
            const render_options& options) {
  switch (format) {
    case report_format::text:
      return render_text(r, out, options);
    case report_format::markdown:
      return render_markdown(r, out);
    case report_format::json:
      return render_json(r, out);
    case report_format::html:
      return render_html(r, out);
  }
}

}  // namespace rebuild

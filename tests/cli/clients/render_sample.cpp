// Writes the hand-built sample report (tests/unit/sample_report.hpp) in one format, for the
// tests that hand a rendering to a real viewer (Chromium, pandoc):
//   render_sample text|markdown|json|html [hostile|so-far]
#include <iostream>
#include <string>

#include "../../unit/sample_report.hpp"
#include "rebuild/render.hpp"

int main(int argc, char** argv) {
  using namespace rebuild;
  if (argc < 2) {
    std::cerr << "usage: render_sample text|markdown|json|html [hostile|so-far]\n";
    return 64;
  }
  const std::string format = argv[1];
  const std::string variant = argc > 2 ? argv[2] : "";
  const weekly_report r = variant == "so-far"    ? sample_report_so_far()
                          : variant == "hostile" ? sample_report(true)
                                                 : sample_report();
  const report_format f = format == "markdown" ? report_format::markdown
                          : format == "json"   ? report_format::json
                          : format == "html"   ? report_format::html
                                               : report_format::text;
  render(r, f, std::cout);
  return 0;
}

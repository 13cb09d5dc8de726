/*
 * CxxTypeNamesTest: compiler-written C++ class names → the names gdb shows (gdb 16 with
 * libstdc++'s type printers, captured by hand with `whatis` on g++ -O0 binaries).
 */
package dev.rewind.core.values;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CxxTypeNamesTest {
    private static final String STRING =
            "std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> >";

    private static final Map<String, String> GDB = Map.ofEntries(
            Map.entry("std::vector<int, std::allocator<int> >", "std::vector<int>"),
            Map.entry("std::vector<" + STRING + ", std::allocator<" + STRING + " > >", "std::vector<std::string>"),
            Map.entry("std::map<" + STRING + ", int, std::less<" + STRING + " >, std::allocator<std::pair<"
                    + STRING + " const, int> > >", "std::map<std::string, int>"),
            Map.entry("std::map<" + STRING + ", int, std::less<" + STRING + " >, std::allocator<std::pair<const "
                    + STRING + ", int> > >", "std::map<std::string, int>"), // as g++ 12 writes it
            Map.entry("std::unordered_map<int, int, std::hash<int>, std::equal_to<int>, "
                    + "std::allocator<std::pair<int const, int> > >", "std::unordered_map<int, int>"),
            Map.entry("std::set<geo::Pt*, std::less<geo::Pt*>, std::allocator<geo::Pt*> >", "std::set<geo::Pt*>"),
            Map.entry("std::__cxx11::list<std::unique_ptr<int, std::default_delete<int> >, "
                    + "std::allocator<std::unique_ptr<int, std::default_delete<int> > > >",
                    "std::list<std::unique_ptr<int>>"),
            Map.entry("std::vector<std::vector<int, std::allocator<int> >, "
                    + "std::allocator<std::vector<int, std::allocator<int> > > >", "std::vector<std::vector<int>>"),
            Map.entry("std::pair<std::vector<int, std::allocator<int> >, int>", "std::pair<std::vector<int>, int>"),
            Map.entry("std::variant<int, " + STRING + " >", "std::variant<int, std::string>"),
            Map.entry("std::array<int, 3>", "std::array<int, 3>"),
            Map.entry("std::basic_string_view<char, std::char_traits<char> >", "std::string_view"),
            Map.entry("std::__cxx11::basic_string<wchar_t, std::char_traits<wchar_t>, std::allocator<wchar_t> >",
                    "std::wstring"),
            // left as the compiler wrote them, as gdb does
            Map.entry("std::__cxx11::basic_string<char16_t, std::char_traits<char16_t>, std::allocator<char16_t> >",
                    "std::__cxx11::basic_string<char16_t, std::char_traits<char16_t>, std::allocator<char16_t> >"),
            Map.entry("std::vector<int, std::allocator<int> >::iterator", "std::vector<int, std::allocator<int> >::iterator"),
            Map.entry("geo::Box<" + STRING + " >", "geo::Box<" + STRING + " >"),
            Map.entry("geo::(anonymous namespace)::Hid", "geo::(anonymous namespace)::Hid"),
            Map.entry("LabeledRect", "LabeledRect"),
            // a container with an argument that is not the default stays as written
            Map.entry("std::map<int, int, std::greater<int>, std::allocator<std::pair<int const, int> > >",
                    "std::map<int, int, std::greater<int>, std::allocator<std::pair<int const, int> > >"));

    @Test
    void namesAreShownAsGdbShowsThem() {
        for (Map.Entry<String, String> e : GDB.entrySet()) {
            assertEquals(e.getValue(), CxxTypeNames.shown(e.getKey()), e.getKey());
        }
    }
}

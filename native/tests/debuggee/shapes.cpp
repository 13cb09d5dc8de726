// shapes.cpp: a C++ debuggee for type names as gdb's whatis spells them (no struct keyword,
// `this` a const pointer to a const object in a const method, arrays of classes).
#include <cstdio>

struct LabeledRect {
    int w, h;
    int area() const
    {
        return w * h; // AREA
    }
};

class Shape {
public:
    int kind;
};

const LabeledRect *rect_view;
Shape *const no_shape = nullptr;
LabeledRect rects[2] = {{1, 2}, {3, 4}};

int main()
{
    LabeledRect r{3, 4};
    rect_view = &r;
    std::printf("%d %d\n", r.area(), rects[1].area());
    return 0;
}

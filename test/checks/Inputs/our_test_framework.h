// A stand-in for an in-house test framework header (see TestFrameworkHeaders).
#pragma once
#define OUR_TEST(name) void name()

// type_name<T>(): a readable name for T ("Conn", "ns::Conn",
// "Pool<ns::Conn>") for diagnostics, without RTTI and without demangling.
//
// The compilers spell the signature of a function template instantiation
// differently (g++: "... [with T = int]", Clang: "... [T = int]"), so instead
// of parsing either format the name is located by example: instantiate the
// same function with `int`, see where "int" sits in that signature, and cut
// the same prefix and suffix from the signature for T.
#pragma once

#include <source_location>
#include <string_view>

namespace asyncdrop {

namespace detail {

template <class T>
constexpr std::string_view signature_of() noexcept {
#if defined(__clang__) || defined(__GNUC__)
  return __PRETTY_FUNCTION__;
#else
  return std::source_location::current().function_name();
#endif
}

}  // namespace detail

template <class T>
constexpr std::string_view type_name() noexcept {
  constexpr std::string_view probe = detail::signature_of<int>();
  // rfind: "int" may occur in the text before the name, never after it.
  constexpr std::size_t prefix = probe.rfind("int");
  constexpr std::size_t suffix = prefix == std::string_view::npos ? 0 : probe.size() - prefix - 3;
  std::string_view name = detail::signature_of<T>();
  if (prefix == std::string_view::npos || name.size() < prefix + suffix) return name;
  return name.substr(prefix, name.size() - prefix - suffix);
}

}  // namespace asyncdrop

// Stand-in for <seastar/core/iostream.hh>: an output_stream must be closed
// (close(), a future) before it is destroyed; a default-constructed one
// holds nothing. Movable.
#pragma once
#include "future.hh"

namespace seastar {
template <class CharType> class output_stream {
public:
  output_stream() noexcept = default;
  output_stream(output_stream &&) noexcept = default;
  output_stream &operator=(output_stream &&) noexcept = default;
  ~output_stream(); // asserts that a stream in use was closed
  future<> write(const CharType *buf);
  future<> flush();
  future<> close();
};

class connected_socket {
public:
  output_stream<char> output();
};
} // namespace seastar

// Benchmark input (c): a large translation unit that never mentions the
// asyncdrop runtime: heavy Boost headers (Spirit Qi, Graph, MultiIndex) and a
// little code that instantiates them.  The asyncdrop-* checks must report
// nothing here and should cost next to nothing.
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/multi_index/hashed_index.hpp>
#include <boost/multi_index/member.hpp>
#include <boost/multi_index/ordered_index.hpp>
#include <boost/multi_index_container.hpp>
#include <boost/spirit/include/qi.hpp>

#include <string>
#include <vector>

namespace qi = boost::spirit::qi;
namespace mi = boost::multi_index;

struct Employee {
  int id;
  std::string name;
};

using Employees = mi::multi_index_container<
    Employee, mi::indexed_by<mi::ordered_unique<mi::member<Employee, int, &Employee::id>>,
                             mi::hashed_non_unique<mi::member<Employee, std::string, &Employee::name>>>>;

bool parse_numbers(const std::string& text, std::vector<double>& out) {
  auto first = text.begin();
  bool ok = qi::phrase_parse(first, text.end(), qi::double_ % ',', qi::space, out);
  return ok && first == text.end();
}

int shortest_path() {
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
                                      boost::property<boost::edge_weight_t, int>>;
  Graph g(4);
  boost::add_edge(0, 1, 2, g);
  boost::add_edge(1, 2, 3, g);
  boost::add_edge(0, 2, 7, g);
  boost::add_edge(2, 3, 1, g);
  std::vector<int> dist(boost::num_vertices(g));
  boost::dijkstra_shortest_paths(g, 0, boost::distance_map(dist.data()));
  return dist[3];
}

std::size_t employees() {
  Employees e;
  e.insert({1, "ada"});
  e.insert({2, "grace"});
  return e.get<1>().count("ada");
}

int main() {
  std::vector<double> numbers;
  return parse_numbers("1,2,3", numbers) + shortest_path() +
         static_cast<int>(employees());
}

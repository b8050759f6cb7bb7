int main() {
  char *s = "12";
  s[2] = '3';
  return 0;
}

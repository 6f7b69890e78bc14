fn main() {
    switchboard::start();
}
